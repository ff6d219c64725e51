import pg from "pg";

/**
 * Session-level advisory locks on a connection of their own, outside the pool: PostgreSQL lets them go
 * when the connection ends, so a process that dies (or loses the connection) gives them up.
 */
export class SessionLocks {
  private client: Promise<pg.Client> | undefined;
  private readonly held = new Set<string>();

  constructor(private readonly url: string) {}

  async hold(name: string): Promise<boolean> {
    if (this.held.has(name)) return true;
    const client = await (this.client ??= this.connect());
    const [row] = (
      await client.query<{ taken: boolean }>(
        "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken",
        [name],
      )
    ).rows;
    if (row?.taken) this.held.add(name);
    return row?.taken === true;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    const connected = await client?.catch(() => undefined);
    await connected?.end();
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url });
    // Unheard, an error on this idle connection would end the process; its locks are gone with it.
    client.on("error", (error) =>
      console.warn(`The connection holding this process's locks closed: ${error.message}`),
    );
    try {
      await client.connect();
    } catch (error) {
      this.client = undefined;
      throw error;
    }
    return client;
  }
}
