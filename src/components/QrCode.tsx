/**
 * A QR code drawn on the phone from its text (services/qrImage.ts): a PNG data URL in an <Image>,
 * as wide as its box allows, so a door scanner reads it from across a table and through a cracked
 * screen. `label` says in words what it is (screen readers, and a failed picture).
 */
import { Image, View } from '@tarojs/components';
import { useMemo } from 'react';
import { qrPicture } from '../services/qrImage';
import './QrCode.scss';

export function QrCode({ id, text, label }: { id?: string; text: string; label: string }) {
  const picture = useMemo(() => qrPicture(text), [text]);
  return (
    <View className="qr-code" id={id}>
      <Image
        id={id ? `${id}-image` : undefined}
        className="qr-code-image"
        src={picture.src}
        mode="widthFix"
        ariaLabel={label}
        nativeProps={{ alt: label }}
      />
    </View>
  );
}
