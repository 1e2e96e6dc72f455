import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../matching/notifications/webhook-signature.ts';

export type ReceivedDelivery = {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  /** Whether X-Signature verified against the secret this receiver was given, over the raw body. */
  verified: boolean;
  answered: number;
};

export type WebhookReceiver = {
  url: string;
  received: ReceivedDelivery[];
  /** The secret createWebhook returned; deliveries received before it is set do not verify. */
  secret: string;
  /** Answer 500 to the next n deliveries (then 204). */
  failNext(n: number): void;
  /** Never answer the next n deliveries, so the sender's timeout fires. */
  hangNext(n: number): void;
  close(): Promise<void>;
};

/** A webhook endpoint on 127.0.0.1 that checks every signature the way a receiver should. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  let failing = 0;
  let hanging = 0;
  const received: ReceivedDelivery[] = [];
  const receiver = { secret: '' } as WebhookReceiver;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verified = verifyWebhookSignature({
        secret: receiver.secret,
        timestamp: req.headers['x-timestamp'] as string | undefined,
        signature: req.headers['x-signature'] as string | undefined,
        body,
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      if (hanging > 0) {
        hanging -= 1;
        received.push({ headers: req.headers, body, json: JSON.parse(body), verified, answered: 0 });
        return;
      }
      const status = failing > 0 ? 500 : 204;
      if (failing > 0) failing -= 1;
      received.push({ headers: req.headers, body, json: JSON.parse(body), verified, answered: status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    failNext: (n: number) => {
      failing = n;
    },
    hangNext: (n: number) => {
      hanging = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
