import { z } from 'zod';

/** Peel a field's default off, so an update that leaves it out does not reset it. */
function withoutDefault(schema: z.ZodType): z.ZodType {
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } })._zod.def;
  return def.type === 'default' && def.innerType ? def.innerType : schema;
}

/**
 * The arguments of an update: the record's id and any subset of its editable
 * fields. (zod's own `.partial()` would still apply defaults and so overwrite
 * fields the caller did not mention.)
 */
export function patchOf<S extends z.ZodRawShape, K extends keyof S = never>(fields: z.ZodObject<S>, omit: readonly K[] = []) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(fields.shape)) {
    if ((omit as readonly string[]).includes(key)) continue;
    const inner = withoutDefault(field as z.ZodType);
    shape[key] = inner.optional().describe(inner.description ?? key);
  }
  return z.object({ id: z.uuid({ message: '编号格式不正确' }), ...shape }) as unknown as z.ZodObject<
    { id: z.ZodUUID } & { [P in Exclude<keyof S, K>]: z.ZodOptional<z.ZodType<z.output<S[P]>, z.input<S[P]>>> }
  >;
}
