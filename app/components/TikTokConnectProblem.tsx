/** A top-level page of the Connect to TikTok flow that could not go on: what happened, and what to do. */
export function TikTokConnectProblem({ message }: { message: string }) {
  return (
    <main
      style={{
        fontFamily: "system-ui, sans-serif",
        maxWidth: "36rem",
        margin: "4rem auto",
        padding: "0 1rem",
      }}
    >
      <h1 style={{ fontSize: "1.25rem" }}>TikTok Shop was not connected</h1>
      <p>{message}</p>
    </main>
  );
}
