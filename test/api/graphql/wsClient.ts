import { expect } from 'vitest';
import WebSocket from 'ws';

export interface Message {
  type: string;
  id?: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: protocol payloads are asserted field by field
  payload?: any;
}

/** A graphql-transport-ws client, acknowledged: every message received, and a way to wait for the next ones. */
export async function connect(url: string, headers: Record<string, string>, sockets: WebSocket[]) {
  const ws = new WebSocket(url, 'graphql-transport-ws', { headers });
  sockets.push(ws);
  const inbox: Message[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    inbox.push(JSON.parse(String(data)) as Message);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (req, res) => {
      req.destroy(); // ws leaves a refused upgrade's request open for the caller to end
      reject(new Error(`HTTP ${res.statusCode}`));
    });
    ws.once('error', reject);
  });
  const next = async (type: string, timeoutMs: number): Promise<Message | null> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return inbox.splice(i, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  };
  const send = (m: Message) => ws.send(JSON.stringify(m));
  const sendRaw = (text: string) => ws.send(text);
  send({ type: 'connection_init', payload: {} });
  expect(await next('connection_ack', 5000)).not.toBeNull();
  return { send, sendRaw, next, inbox };
}
