#!/usr/bin/python3
"""stomp.py quick-start against the reference broker: connect with login/passcode, send to
/queue/test, subscribe id=1 ack=auto, receive it, disconnect. Exit 0 only if it arrived.
Usage: stomp_py_quickstart.py PORT LOGIN PASSCODE"""
import sys
import threading

import stomp


class Listener(stomp.ConnectionListener):
    def __init__(self):
        self.bodies = []
        self.errors = []
        self.arrived = threading.Event()

    def on_message(self, frame):
        self.bodies.append(frame.body)
        self.arrived.set()

    def on_error(self, frame):
        self.errors.append(frame.body)


def main():
    port, login, passcode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    conn = stomp.Connection([("127.0.0.1", port)], timeout=5)
    listener = Listener()
    conn.set_listener("", listener)
    conn.connect(login, passcode, wait=True)
    conn.send(body="hello from stomp.py", destination="/queue/test")
    conn.subscribe(destination="/queue/test", id=1, ack="auto")
    ok = listener.arrived.wait(timeout=5)
    conn.disconnect(receipt="bye")
    if not ok or listener.bodies != ["hello from stomp.py"] or listener.errors:
        print("FAILED: bodies=%r errors=%r" % (listener.bodies, listener.errors))
        return 1
    print("OK: received %r" % listener.bodies[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
