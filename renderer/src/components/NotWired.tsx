import { Result } from 'antd';

/** Shown where a screen's methods are not in this build's contract yet. */
export function NotWired({ what, methods }: { what: string; methods: string[] }) {
  return <Result status="info" title="此功能尚未接入" subTitle={`${what}需要的操作（${methods.join('、')}）在当前版本中还没有提供。`} data-testid="not-wired" />;
}
