// Visits every object in a card (body, actions, nested cards), for tests that read cards as a person would.
export function walkCard(node: unknown, visit: (node: Record<string, any>) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walkCard(child, visit));
  else if (node !== null && typeof node === "object") {
    visit(node as Record<string, any>);
    Object.values(node).forEach((child) => walkCard(child, visit));
  }
}
