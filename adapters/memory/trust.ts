/** The trust anchors (root certificates) signatures are checked against, in memory. */
import type { TrustAnchor } from '../../shared/domain/signatures.js';
import type { TrustAnchorStore } from '../../shared/ports/index.js';
import { copy } from './table.js';

export class MemoryTrustAnchorStore implements TrustAnchorStore {
  private readonly anchors = new Map<string, TrustAnchor>();

  async listTrustAnchors() {
    return [...this.anchors.values()].sort((a, b) => a.sha256.localeCompare(b.sha256)).map(copy);
  }
  async addTrustAnchor(anchor: TrustAnchor) {
    if (this.anchors.has(anchor.sha256)) return false;
    this.anchors.set(anchor.sha256, copy(anchor));
    return true;
  }
}
