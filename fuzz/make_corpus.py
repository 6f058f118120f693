#!/usr/bin/env python3
"""Writes the committed seed corpus of every fuzz target (fuzz/corpus/<target>/).

Sources: the spec's example frames (1.0, 1.1, 1.2), the golden cases of
codec/tests/golden/*.txt (input and options) when that directory exists, and the sample
streams in samples/*.stomp. Each seed is prefixed with the bytes the target reads first
(layouts in fuzz/README.md). Files named regression-* are findings and are never touched;
files this script wrote before (spec-*, golden-*, sample-*) are replaced.

    python3 fuzz/make_corpus.py          # from the repository root or anywhere
"""
import hashlib
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
TARGETS = ["parse", "split", "roundtrip", "structured", "escape", "differential"]
GENERATED = ("spec-", "golden-", "sample-")
MAX_LEN = 4000  # the targets run with -max_len=4096; bigger seeds would be truncated

VERSIONS = {"1.0": 0, "1.1": 1, "1.2": 2}
ORIGINS = {"any": 0, "client": 1, "server": 2}
LENIENT = ["undefined_escapes", "last_header_wins", "trim_values", "bare_cr", "crlf",
           "colon_in_value", "body_on_any_command", "empty_values"]  # byte 1, bit i
COMMANDS = ["CONNECT", "STOMP", "SEND", "SUBSCRIBE", "UNSUBSCRIBE", "BEGIN", "COMMIT", "ABORT",
            "ACK", "NACK", "DISCONNECT", "CONNECTED", "MESSAGE", "RECEIPT", "ERROR"]


def wire(notation: str) -> bytes:
    """stomp::wire(): ^@..^_ control octets, ^? DEL, ^xHH any octet, else literal UTF-8."""
    out = bytearray()
    i = 0
    while i < len(notation):
        c = notation[i]
        nxt = notation[i + 1] if i + 1 < len(notation) else ""
        if c == "^" and "@" <= nxt <= "_":
            out.append(ord(nxt) - 64)
            i += 2
        elif c == "^" and nxt == "?":
            out.append(0x7F)
            i += 2
        elif c == "^" and nxt == "x" and re.fullmatch(r"[0-9A-Fa-f]{2}", notation[i + 2:i + 4]):
            out.append(int(notation[i + 2:i + 4], 16))
            i += 4
        else:
            out += c.encode()
            i += 1
    return bytes(out)


# Example frames of the specifications (stomp.github.io), in the spec's ^@ notation.
ERROR_BODY = ("The message:\n-----\nMESSAGE\ndestined:/queue/a\nreceipt:message-12345\n\n"
              "Hello queue a!\n-----\nDid not contain a destination header, which is REQUIRED\n"
              "for message propagation.\n")
SPEC = {
    "connect": "CONNECT\naccept-version:1.2\nhost:stomp.github.org\n\n^@",
    "connect-login": "CONNECT\naccept-version:1.0,1.1,1.2\nhost:/\nlogin:guest\n"
                     "passcode:gu\\est:x\nheart-beat:10000,10000\n\n^@",
    "connect-padded": "CONNECT\nlogin: guest\npasscode: guest\n\n^@",
    "stomp": "STOMP\naccept-version:1.2\nhost:stomp.github.org\n\n^@",
    "connected": "CONNECTED\nversion:1.2\nsession:s:1\nserver:ExampleMQ/1.0 (a:b)\n"
                 "heart-beat:0,0\n\n^@",
    "send": "SEND\ndestination:/queue/a\ncontent-type:text/plain\n\nhello queue a\n^@",
    "send-receipt": "SEND\ndestination:/queue/a\nreceipt:message-12345\n\nhello queue a^@",
    "send-nul-body": "SEND\ndestination:/queue/a\ncontent-length:5\n\nh^@l^@o^@",
    "send-crlf": "SEND^M\ndestination:/queue/a^M\n^M\nhello^@^M\n",
    "subscribe": "SUBSCRIBE\nid:0\ndestination:/queue/foo\nack:client\n\n^@",
    "unsubscribe": "UNSUBSCRIBE\nid:0\n\n^@",
    "ack": "ACK\nid:12345\ntransaction:tx1\n\n^@",
    "nack": "NACK\nid:12345\ntransaction:tx1\n\n^@",
    "begin": "BEGIN\ntransaction:tx1\n\n^@",
    "commit": "COMMIT\ntransaction:tx1\n\n^@",
    "abort": "ABORT\ntransaction:tx1\n\n^@",
    "disconnect": "DISCONNECT\nreceipt:77\n\n^@",
    "receipt": "RECEIPT\nreceipt-id:77\n\n^@",
    "message": "MESSAGE\nsubscription:0\nmessage-id:007\ndestination:/queue/a\n"
               "content-type:text/plain\n\nhello queue a^@",
    "message-escapes": "MESSAGE\nsubscription:0\nmessage-id:ID\\cb\\c1\ndestination:/q\n"
                       "x:a\\nb\\\\c\\rd\nk\\cname:v\n\n^@\n",
    "error": "ERROR\nreceipt-id:message-12345\ncontent-type:text/plain\n"
             f"content-length:{len(ERROR_BODY)}\nmessage:malformed frame received\n\n"
             + ERROR_BODY + "^@",
    "stream-heartbeats": "\n\n^M\nSEND\ndestination:/q\n\nx^@\n^M\n\nRECEIPT\nreceipt-id:1\n\n^@\n",
    "bad-escape": "SEND\ndestination:/q\nx:a\\tb\n\n^@",
    "bad-colon": "SEND\ndestination:/q:a\n\n^@",
    "bad-content-length": "SEND\ncontent-length:-1\n\n^@",
    "short-content-length": "SEND\ncontent-length:1\n\nab^@",
    "duplicate-content-length": "SEND\ncontent-length:2\ncontent-length:5\n\nab^@",
    "body-on-subscribe": "SUBSCRIBE\nid:0\ndestination:/q\n\nbody^@",
    "utf8": "SEND\ndestination:/q\nnamé:värde ✓\n\nGrüße^@",
}

# Header values for the escape target: escapes of each version, undefined and dangling ones.
ESCAPES = ["a\\cb", "line1\\nline2", "back\\\\slash", "cr\\r", "tab\\t", "dangling\\",
           "raw:colon", "raw\nlf", "raw\rcr", "", "\\\\\\c\\n\\r", "é✓"]


def options_bytes(opts: str) -> bytes:
    """The six option bytes of fuzz::parser_options() for a golden `options:` line."""
    b0, b1, limits = 2, 0, [0, 0, 0, 0]  # STOMP 1.2, origin any, strict, default limits
    for word in opts.split():
        key, _, value = word.partition("=")
        if key == "version":
            b0 = (b0 & ~3) | VERSIONS[value]
        elif key == "origin":
            b0 = (b0 & ~0b1100) | (ORIGINS[value] << 2)
        elif key == "lenient":
            for name in value.split(","):
                if name == "non_ascii":
                    b0 |= 0x10
                else:
                    b1 |= 1 << LENIENT.index(name)
        elif key == "limits":  # 255 keeps a limit's default; larger limits are not kept
            b0 |= 0x20
            limits = [255, 255, 255, 255]
            for item in value.split(","):
                name, _, n = item.partition(":")
                k = ["headers", "line", "body", "frame"].index(name)
                scaled = int(n) // 2 if name == "frame" else int(n)
                if scaled < 255 and (name != "frame" or int(n) % 2 == 0):
                    limits[k] = scaled
    return bytes([b0, b1] + limits)


def golden_cases():
    """(name, options line, input bytes) of every golden case, read as golden_file.cpp does."""
    golden = ROOT / "codec" / "tests" / "golden"
    for path in sorted(golden.glob("*.txt")) if golden.is_dir() else []:
        lines = path.read_text(encoding="utf-8").split("\n")
        name, opts, block, state = None, "", [], "outside"
        for line in lines:
            if state in ("outside", "events") and line.startswith("=== "):
                name, opts, block, state = line[4:], "", [], "meta"
            elif state == "meta" and line.startswith("options:"):
                opts = line[8:]
            elif state == "meta" and line == "--- input":
                state = "input"
            elif state == "input" and line == "--- events":
                yield f"{path.stem}-{name}", opts, wire("\n".join(block))
                state = "events"
            elif state == "input":
                block.append(line)
            elif state == "events" and line == "":
                state = "outside"


def structured_seed(command: str, version: int, headers, body: bytes, flags: int = 0) -> bytes:
    out = bytearray([COMMANDS.index(command), version | flags, len(headers)])
    for name, value in headers:
        out += bytes([len(name)]) + name + bytes([len(value)]) + value
    return bytes(out + body)


def frames_of(stream: bytes):
    """Rough split of a spec example into (command, headers, body) for "structured"."""
    text = stream.replace(b"\r\n", b"\n")
    head, _, rest = text.partition(b"\n\n")
    lines = head.lstrip(b"\n").split(b"\n")
    headers = [tuple(line.split(b":", 1)) for line in lines[1:] if b":" in line]
    return lines[0].decode(errors="replace"), headers, rest.split(b"\0", 1)[0]


def main() -> None:
    seeds = {t: {} for t in TARGETS}

    def add(target: str, name: str, data: bytes) -> None:
        if len(data) <= MAX_LEN and data not in seeds[target].values():
            seeds[target][name] = data

    streams = []  # (name, options bytes, input)
    for name, text in SPEC.items():
        for v, vbits in VERSIONS.items():
            streams.append((f"spec-{name}-{v}", bytes([vbits, 0, 0, 0, 0, 0]), wire(text)))
    for path in sorted((ROOT / "samples").glob("*.stomp")):
        streams.append((f"sample-{path.stem}", bytes([2, 0, 0, 0, 0, 0]), path.read_bytes()))
    for name, opts, data in golden_cases():
        streams.append((f"golden-{name}", options_bytes(opts), data))

    for i, (name, opts, data) in enumerate(streams):
        add("parse", name, opts + bytes([(0, 1, 7)[i % 3]]) + data)  # at once, 1 or 7 octets
        add("split", name, opts + (b"\0" if i % 2 else bytes([3, 1, 0, 13])) + data)
        strict = opts[0] & 0x0F  # version and origin only
        add("differential", name, bytes([strict]) + data)
        add("roundtrip", name, bytes([strict | (0x30 if opts[0] & 3 == 2 else 0x20)]) + data)

    for name, text in SPEC.items():
        command, headers, body = frames_of(wire(text))
        if command not in COMMANDS:
            continue
        for v, vbits in VERSIONS.items():
            add("structured", f"spec-{name}-{v}", structured_seed(command, vbits, headers, body))
    every_octet = bytes(range(256))
    add("structured", "spec-every-octet-1.2",
        structured_seed("SEND", 2, [(every_octet[1:128], every_octet[128:])], every_octet, 8))
    add("structured", "spec-every-octet-1.1",
        structured_seed("MESSAGE", 1, [(every_octet[:128], every_octet[:255])], every_octet))
    add("structured", "spec-connect-raw-1.2",
        structured_seed("CONNECT", 2, [(b"passcode", b"a:b\\c")], b"", 4))

    for i, value in enumerate(ESCAPES):
        for e in range(3):
            for keep in (0, 4):
                add("escape", f"spec-escape-{i}-{e}-{keep}", bytes([e | keep]) + value.encode())
    add("escape", "spec-every-octet", bytes([2]) + bytes(range(256)))

    for target, files in seeds.items():
        directory = CORPUS / target
        directory.mkdir(parents=True, exist_ok=True)
        for old in directory.iterdir():
            if old.name.startswith(GENERATED):
                old.unlink()
        for name, data in files.items():
            safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)
            if len(safe) > 80:
                safe = safe[:70] + "-" + hashlib.sha1(name.encode()).hexdigest()[:8]
            (directory / safe).write_bytes(data)
        print(f"{target}: {len(files)} seeds")


if __name__ == "__main__":
    main()
