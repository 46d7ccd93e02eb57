"""tf.io.encode_base64 and tf.io.decode_base64 (TF's base64_ops.cc): web-safe base64 (`-` and
`_`), padding optional on encode and accepted or not on decode. Host ops on string tensors."""

from __future__ import annotations

import base64
import re

from .. import _api
from .._core import errors
from .string_ops import _map, as_tensor, elementwise, strings

_ALPHABET = re.compile(rb"[A-Za-z0-9_-]*\Z")


@_api.export("io.encode_base64")
@elementwise
def encode_base64(input, pad=False, name=None):  # noqa: A002
    """tf.io.encode_base64."""
    arr = strings(input, "EncodeBase64", name=name)

    def enc(b):
        out = base64.urlsafe_b64encode(b)
        return out if pad else out.rstrip(b"=")

    return as_tensor(_map(enc, arr))


def _decode(b: bytes) -> bytes:
    text = b.rstrip(b"=")
    if len(text) % 4 == 1:
        raise errors.kernel_error("DecodeBase64", "Base64 string length cannot be 1 modulo 4.",
                                  None)
    if not _ALPHABET.match(text):
        raise errors.kernel_error("DecodeBase64", "Invalid character found in base64.", None)
    return base64.urlsafe_b64decode(text + b"=" * (-len(text) % 4))


@_api.export("io.decode_base64")
@elementwise
def decode_base64(input, name=None):  # noqa: A002
    """tf.io.decode_base64."""
    return as_tensor(_map(_decode, strings(input, "DecodeBase64", name=name)))
