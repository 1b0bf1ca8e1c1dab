import { Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';

/** Which office an exchanged record came from, and when it was last exchanged (hover for the time). */
export function ExchangeSourceTag({ unit, at }: { unit: string; at: string | null }) {
  const when = at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '';
  return (
    <Tooltip title={when ? `来自「${unit}」的数据包，最近交换 ${when}` : `来自「${unit}」的数据包`}>
      <Tag color="purple" data-testid="exchange-source">
        来自 {unit}
      </Tag>
    </Tooltip>
  );
}
