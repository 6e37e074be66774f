#!/usr/bin/env python3
"""A TCP proxy on loopback that delays every chunk by DELAY_MS in each direction (latency, not a
bandwidth limit), so that a certification of a local platform sees the round trips of a remote one (issue 12: 25 ms each
way, about 50 ms per round trip). Usage: delay-proxy.py LISTEN_PORT TARGET_PORT DELAY_MS.
Prints "listening PORT" once ready; runs until killed. Loopback only."""
import asyncio
import sys


async def pipe(reader, writer, delay):
    """Forwards what `reader` gives to `writer`, each chunk `delay` seconds after it was read:
    latency, not a bandwidth limit (chunks read meanwhile are in flight, as on a real link)."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def forward():
        while True:
            due, data = await queue.get()
            if data is None:
                break
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()

    sender = asyncio.ensure_future(forward())
    try:
        while True:
            data = await reader.read(65536)
            await queue.put((loop.time() + delay, data or None))
            if not data:
                break
        await sender
    except (ConnectionError, asyncio.CancelledError):
        sender.cancel()
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def main():
    listen, target, delay_ms = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    delay = delay_ms / 1000.0

    async def handle(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, server_writer, delay), pipe(server_reader, client_writer, delay))

    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
