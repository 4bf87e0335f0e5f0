/**
 * Scanning QR codes with the browser's camera (H5): a button opens the camera, the picture shows
 * here, every code read is handed to `onText`, and a button closes it again. The mini program
 * never renders this: it asks WeChat's scanner (Taro.scanCode). A camera that cannot open (no
 * permission, no camera) is said in words; typing the code in stays possible beside it.
 */
import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { Action } from './Action';
import './CameraScanner.scss';

interface Props {
  id: string;
  onText: (text: string) => void;
  /** what the camera should be pointed at, in words */
  hint: string;
}

const NO_CAMERA = '没能打开摄像头。请允许浏览器使用摄像头后再试，或在下面输入号码。';

export function CameraScanner({ id, onText, hint }: Props) {
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(onText);
  latest.current = onText;

  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') {
      if (!on) return;
      let stop: (() => void) | null = null;
      let closed = false;
      import('../services/zxingCamera')
        .then((m) => m.startCamera(`${id}-view`, (text) => latest.current(text)))
        .then((controls) => {
          if (closed) controls.stop();
          else stop = () => controls.stop();
        })
        .catch(() => {
          if (!closed) {
            setProblem(NO_CAMERA);
            setOn(false);
          }
        });
      return () => {
        closed = true;
        stop?.();
      };
    }
  }, [on, id]);

  return (
    <View id={id}>
      {on ? (
        <View className="scanner-camera" id={`${id}-view`}>
          <View className="scanner-camera-hint">{hint}</View>
        </View>
      ) : null}
      {problem ? (
        <View className="notice error" ariaRole="alert">
          {problem}
        </View>
      ) : null}
      <Action
        id={`${id}-toggle`}
        kind={on ? 'secondary' : 'primary'}
        onClick={() => {
          setProblem(null);
          setOn(!on);
        }}
      >
        {on ? '关闭摄像头' : '打开摄像头扫码'}
      </Action>
    </View>
  );
}
