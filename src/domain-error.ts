/**
 * The base of every feature's domain errors: the outcomes of a use case other than its nominal
 * path. Each edge (chat, CLI) words them for its users; the name is the class's, for the logs.
 */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
