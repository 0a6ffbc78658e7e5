import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding package.json and prisma/: the same whether this code runs from src/ under
 * tsx or jest, or compiled under dist/.
 */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'prisma', 'schema.prisma'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`prisma/schema.prisma not found above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
