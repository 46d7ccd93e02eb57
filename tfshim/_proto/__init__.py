"""TF's protocol buffer messages, defined from their .proto text (the subset tfshim needs).

TF's generated `*_pb2` modules are not importable without TensorFlow, and generated code ties us
to one protobuf major version. Instead, each module here holds the `.proto` text of the messages it
needs, copied from TensorFlow's sources (same names, field numbers and types, so the bytes are
TF's), and `define()` parses that text into a FileDescriptorProto in a private descriptor pool and
returns the message classes. The parser knows the proto3 subset TF's files use: messages (nested),
enums, `repeated`, `map<K, V>`, `oneof`; `option`, `reserved` and comments are skipped.

    _ex = define("tensorflow/core/example/feature.proto", "tensorflow", '''
        message BytesList { repeated bytes value = 1; }
        ...''')
    _ex.BytesList(value=[b"a"]).SerializeToString()
"""

from __future__ import annotations

import re
import types as _types

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

# A private pool: TensorFlow, imported in the same process, registers the same file names in
# the default pool.
POOL = descriptor_pool.DescriptorPool()

_F = descriptor_pb2.FieldDescriptorProto
_SCALARS = {
    "double": _F.TYPE_DOUBLE, "float": _F.TYPE_FLOAT, "int64": _F.TYPE_INT64,
    "uint64": _F.TYPE_UINT64, "int32": _F.TYPE_INT32, "fixed64": _F.TYPE_FIXED64,
    "fixed32": _F.TYPE_FIXED32, "bool": _F.TYPE_BOOL, "string": _F.TYPE_STRING,
    "bytes": _F.TYPE_BYTES, "uint32": _F.TYPE_UINT32, "sfixed32": _F.TYPE_SFIXED32,
    "sfixed64": _F.TYPE_SFIXED64, "sint32": _F.TYPE_SINT32, "sint64": _F.TYPE_SINT64,
}
_TOKEN = re.compile(r'\s*(?:(//[^\n]*|/\*.*?\*/)|("(?:[^"\\]|\\.)*"|[A-Za-z_][\w.]*|-?\d+|\S))',
                    re.S)


def _tokens(text):
    pos, out = 0, []
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        if m.group(2) is not None:
            out.append(m.group(2))
    return out


class _Parser:
    def __init__(self, text):
        self.toks = _tokens(text)
        self.i = 0
        self.unresolved = []  # (field, scope) pairs whose type names are resolved at the end

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None

    def next(self):
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, tok):
        got = self.next()
        if got != tok:
            raise SyntaxError("proto text: expected %r, got %r" % (tok, got))

    def skip_statement(self):
        depth = 0
        while True:
            tok = self.next()
            if tok in "{[":
                depth += 1
            elif tok in "}]":
                depth -= 1
                if depth == 0 and tok == "}":
                    return
            elif tok == ";" and depth == 0:
                return

    def body(self, container, scope, message=None):
        """Parses declarations up to the closing brace (or the end) into `container`, a
        FileDescriptorProto or DescriptorProto."""
        while self.peek() not in (None, "}"):
            tok = self.peek()
            if tok == "message":
                self.next()
                msg = container.message_type.add() if message is None else \
                    container.nested_type.add()
                msg.name = self.next()
                self.expect("{")
                self.body(msg, scope + "." + msg.name, message=msg)
                self.expect("}")
            elif tok == "enum":
                self.next()
                enum = container.enum_type.add()
                enum.name = self.next()
                self.expect("{")
                while self.peek() != "}":
                    if self.peek() in ("option", "reserved"):
                        self.skip_statement()
                        continue
                    value = enum.value.add()
                    value.name = self.next()
                    self.expect("=")
                    value.number = int(self.next())
                    if self.peek() == "[":
                        while self.next() != "]":
                            pass
                    self.expect(";")
                self.expect("}")
            elif tok in ("syntax", "package", "import", "option", "reserved", "extensions"):
                self.skip_statement()
            elif tok == ";":
                self.next()
            elif tok == "oneof":
                self.next()
                index = len(message.oneof_decl)
                message.oneof_decl.add().name = self.next()
                self.expect("{")
                while self.peek() != "}":
                    if self.peek() == "option":
                        self.skip_statement()
                        continue
                    self.field(message, scope, oneof=index)
                self.expect("}")
            else:
                self.field(message, scope)

    def field(self, message, scope, oneof=None):
        label = _F.LABEL_OPTIONAL
        if self.peek() in ("repeated", "optional"):
            label = _F.LABEL_REPEATED if self.next() == "repeated" else _F.LABEL_OPTIONAL
        type_name = self.next()
        key = value = None
        if type_name == "map":
            self.expect("<")
            key = self.next()
            self.expect(",")
            value = self.next()
            self.expect(">")
        f = message.field.add()
        f.name = self.next()
        self.expect("=")
        f.number = int(self.next())
        if self.peek() == "[":
            while self.next() != "]":
                pass
        self.expect(";")
        f.json_name = _json_name(f.name)
        if oneof is not None:
            f.oneof_index = oneof
        if key is not None:  # map<K, V> name = N: a repeated nested XEntry message
            entry = message.nested_type.add()
            entry.name = "".join(p[:1].upper() + p[1:] for p in f.name.split("_")) + "Entry"
            entry.options.map_entry = True
            for number, (name, t) in enumerate((("key", key), ("value", value)), 1):
                ef = entry.field.add(name=name, number=number, label=_F.LABEL_OPTIONAL,
                                     json_name=name)
                self.set_type(ef, t, scope + "." + entry.name)
            f.label = _F.LABEL_REPEATED
            f.type = _F.TYPE_MESSAGE
            f.type_name = scope + "." + entry.name
        else:
            f.label = label
            self.set_type(f, type_name, scope)

    def set_type(self, f, type_name, scope):
        if type_name in _SCALARS:
            f.type = _SCALARS[type_name]
        else:
            self.unresolved.append((f, type_name, scope))


def _json_name(name):
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _declared(proto, prefix, out):
    """Full names of the messages and enums declared in a FileDescriptorProto/DescriptorProto."""
    for m in proto.message_type if hasattr(proto, "message_type") else proto.nested_type:
        out[prefix + "." + m.name] = _F.TYPE_MESSAGE
        _declared(m, prefix + "." + m.name, out)
    for e in proto.enum_type:
        out[prefix + "." + e.name] = _F.TYPE_ENUM
    return out


_KNOWN: dict = {}  # full name (".tensorflow.TensorShapeProto") -> TYPE_MESSAGE / TYPE_ENUM
_FILES: dict = {}  # full type name -> the file that declares it


def define(filename: str, package: str, text: str) -> _types.SimpleNamespace:
    """Adds the messages and enums declared in `text` (proto3 syntax, package `package`) to the
    pool as file `filename`; returns their classes (top-level and nested: `ns.Outer.Inner`) and
    enums (`ns.DataType.DT_FLOAT`). Types declared by earlier `define` calls can be used by full
    or package-relative name."""
    file = descriptor_pb2.FileDescriptorProto(name=filename, package=package, syntax="proto3")
    parser = _Parser(text)
    parser.body(file, "." + package)
    if parser.peek() is not None:
        raise SyntaxError("proto text: unexpected %r" % parser.peek())
    local = _declared(file, "." + package, {})
    known = {**_KNOWN, **local}
    deps = set()
    for f, name, scope in parser.unresolved:
        candidates = [name[1:]] if name.startswith(".") else \
            [s + "." + name for s in _scopes(scope)] + ["." + name]
        full = next((c for c in candidates if c in known), None)
        if full is None:
            raise SyntaxError("proto text: unknown type %r in %s" % (name, filename))
        f.type = known[full]
        f.type_name = full
        if full not in local:
            deps.add(_FILES[full])
    file.dependency.extend(sorted(deps))
    POOL.Add(file)
    _KNOWN.update(local)
    _FILES.update(dict.fromkeys(local, filename))
    out = _types.SimpleNamespace()
    fd = POOL.FindFileByName(filename)
    for name, desc in fd.message_types_by_name.items():
        setattr(out, name, message_factory.GetMessageClass(desc))
    for name, desc in fd.enum_types_by_name.items():
        setattr(out, name, _types.SimpleNamespace(**{v.name: v.number for v in desc.values}))
    return out


def _scopes(scope):
    """".tensorflow.A.B" -> [".tensorflow.A.B", ".tensorflow.A", ".tensorflow"]."""
    parts = scope.split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 1, -1)]
