"""tf.keras: the real Keras 3 on its TensorFlow backend, whose ``import tensorflow`` is tfshim.

As TF 2.21's ``KerasLazyLoader``, ``tf.keras`` is Keras 3's ``keras._tf_keras.keras``, imported on
first access so that ``import tfshim`` stays fast.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

_KERAS_MODULE = "keras._tf_keras.keras"


def keras() -> ModuleType:
    """Import Keras 3 for ``tf.keras``.

    Keras's TF backend does ``import tensorflow``; when no ``tensorflow`` alias is active (plain
    ``import tfshim as tf``) one is installed here, since a real TensorFlow, where installed,
    would otherwise serve Keras's backend. Keras's backend is tensorflow unless the user chose
    another with ``KERAS_BACKEND`` (or ``~/.keras/keras.json``), as under TF.
    """
    from tfshim.notebook import alias

    if alias.alias_target() is None:
        alias.install_alias("tfshim")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    return importlib.import_module(_KERAS_MODULE)
