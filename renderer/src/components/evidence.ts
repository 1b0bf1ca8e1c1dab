import type { EvidenceOwnerType } from '../../../shared/domain/enums';
import { MAX_EVIDENCE_BYTES } from '../../../shared/domain/schemas';
import { call, notifyWarning } from '../api';

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error(`读取文件「${file.name}」失败`));
    r.readAsDataURL(file);
  });
}

/** Attach files (佐证材料) to a record; returns how many were stored. */
export async function uploadEvidence(ownerType: EvidenceOwnerType, ownerId: string, files: File[]): Promise<number> {
  let stored = 0;
  const tooBig: string[] = [];
  for (const file of files) {
    if (file.size > MAX_EVIDENCE_BYTES) {
      tooBig.push(file.name);
      continue;
    }
    const contentBase64 = await readBase64(file);
    const saved = await call('evidence.add', { ownerType, ownerId, fileName: file.name, mime: file.type || 'application/octet-stream', contentBase64 }, { errorTitle: `「${file.name}」未能附加` });
    if (saved) stored += 1;
  }
  if (tooBig.length) notifyWarning(`以下文件超过 50 MB，未附加：${tooBig.join('、')}`);
  return stored;
}
