import { Text, View } from '@tarojs/components';

/**
 * A masked personal number (330***********1234). Screen readers get a spoken form instead of
 * a row of asterisks; the full value never reaches the mini app at all.
 */
export function MaskedText({
  id,
  value,
  fallback = '未登记',
}: {
  id?: string;
  value: string | null;
  fallback?: string;
}) {
  if (!value) return <Text id={id}>{fallback}</Text>;
  // Text has no aria props; an inline View does
  const visible = value.replace(/\*+/g, (stars) => `（中间${stars.length}位隐藏）`);
  return (
    <View id={id} className="masked" ariaLabel={visible}>
      {value}
    </View>
  );
}
