// Type-level check that each web twin exports what its Node module does (see types.ts): `tsc` fails here
// when one of them gains, loses or changes an export the other does not.
import type * as FilesNode from './files.node';
import type * as FilesWeb from './files.web';
import type * as FormulasNode from './formulaSvgs.node';
import type * as FormulasWeb from './formulaSvgs.web';
import type * as RendererNode from './renderer.node';
import type * as RendererWeb from './renderer.web';
import type * as PortNode from './workerPort.node';
import type * as PortWeb from './workerPort.web';
import type * as ShippedNode from './shippedFiles.node';
import type * as ShippedWeb from './shippedFiles.web';
import type * as WorkersNode from './workers.node';
import type * as WorkersWeb from './workers.web';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export type PlatformTwinsAgree = [
  Same<typeof FilesNode, typeof FilesWeb>,
  Same<typeof FormulasNode, typeof FormulasWeb>,
  Same<typeof RendererNode, typeof RendererWeb>,
  Same<typeof PortNode, typeof PortWeb>,
  Same<typeof ShippedNode, typeof ShippedWeb>,
  Same<typeof WorkersNode, typeof WorkersWeb>,
] extends true[]
  ? true
  : never;
// Fails to compile unless every pair agrees.
export const platformTwinsAgree: PlatformTwinsAgree = true;
