"""The floor of the load benchmark: a bare python-socketio server on the same ASGI
server as Reflex (granian), answering each "event" at once with a final update. Its garbage
collector is tuned as the app tunes its own (competence/tasks.py), so the floor is the
framework's without the app, not Python's default collector under thousands of sockets."""

import gc

import socketio

gc.collect()
gc.freeze()
gc.set_threshold(50_000, 20, 100)

sio = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins="*")
app = socketio.ASGIApp(sio, socketio_path="_event")


@sio.on("event", namespace="/_event")
async def event(sid, data):
    await sio.emit("event", {"delta": {}, "events": [], "final": True}, to=sid, namespace="/_event")
