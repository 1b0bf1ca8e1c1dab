import { vi } from 'vitest';
import { main } from '../../electron/core/cli/main';

/** Runs the CLI's main() in this process (fast), capturing what it prints and its exit code. */
export async function ledger(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (out += `${a.join(' ')}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (err += `${a.join(' ')}\n`));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.exitCode = undefined;
  }
}
