// Stamps every incoming HTTP request of this process with the address of its TCP peer, before Next
// sees it (see socket-address.ts). Node publishes `http.server.request.start` for each request on any
// http(s) server of the process, before the server's 'request' event; Next reads `req.headers`, so the
// stamp reaches route handlers, server actions and Auth.js. A client-sent header of the same name is
// overwritten (or removed when the socket has no address).
import { randomBytes } from "node:crypto";
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { normalizeAddress, SOCKET_ADDRESS_HEADER, setStampToken, stampToken } from "./socket-address";

const CHANNEL = "http.server.request.start";

export function installSocketAddressStamp() {
  if (stampToken()) return;
  const token = randomBytes(18).toString("base64url");
  diagnostics.subscribe(CHANNEL, (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const address = socket?.remoteAddress;
    if (address) request.headers[SOCKET_ADDRESS_HEADER] = `${token} ${normalizeAddress(address)}`;
    else delete request.headers[SOCKET_ADDRESS_HEADER];
  });
  setStampToken(token);
}
