/**
 * A minimal OpenAI-compatible streaming server whose every response stalls while a global stall window is
 * open: the coordinated-omission test needs a server that stops answering for everyone at once.
 */
import { createServer, type Server } from 'node:http';

export interface StallServer {
  url: string;
  /** Opens a stall window: responses started or in progress wait until it closes. */
  stallFor(ms: number): void;
  close(): Promise<void>;
}

/** Starts the server on a free loopback port. Each answer: 4 content chunks 2 ms apart, usage, [DONE]. */
export async function startStallServer(): Promise<StallServer> {
  let stallUntil = 0;
  const waitStall = async () => {
    while (performance.now() < stallUntil)
      await new Promise((r) => setTimeout(r, stallUntil - performance.now()));
  };
  const server: Server = createServer(async (req, res) => {
    req.resume();
    await new Promise((r) => req.on('end', r));
    await waitStall();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    for (const word of ['a', ' b', ' c', ' d']) {
      res.write(chunk(word));
      await new Promise((r) => setTimeout(r, 2));
      await waitStall();
    }
    res.write(
      `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })}\n\n`,
    );
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stallFor(ms) {
      stallUntil = performance.now() + ms;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
