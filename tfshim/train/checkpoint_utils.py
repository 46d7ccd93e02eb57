"""tf.train.load_checkpoint, load_variable, list_variables (TF's training/checkpoint_utils.py)."""

from __future__ import annotations

import os

from .. import _api
from .checkpoint_management import latest_checkpoint
from .py_checkpoint_reader import NewCheckpointReader


def _checkpoint_filename(ckpt_dir_or_file):
    ckpt_dir_or_file = os.fspath(ckpt_dir_or_file)
    if os.path.isdir(ckpt_dir_or_file):
        return latest_checkpoint(ckpt_dir_or_file)
    return ckpt_dir_or_file


@_api.export("train.load_checkpoint")
def load_checkpoint(ckpt_dir_or_file):
    """tf.train.load_checkpoint: a CheckpointReader for a checkpoint or a directory's latest."""
    filename = _checkpoint_filename(ckpt_dir_or_file)
    if filename is None:
        raise ValueError("Couldn't find 'checkpoint' file or checkpoints in given directory %s"
                         % ckpt_dir_or_file)
    return NewCheckpointReader(filename)


@_api.export("train.load_variable")
def load_variable(ckpt_dir_or_file, name):
    """tf.train.load_variable: one stored value, by checkpoint key (a ":0" suffix is dropped)."""
    if name.endswith(":0"):
        name = name[:-2]
    return load_checkpoint(ckpt_dir_or_file).get_tensor(name)


@_api.export("train.list_variables")
def list_variables(ckpt_dir_or_file):
    """tf.train.list_variables: [(key, shape)] sorted by key."""
    reader = load_checkpoint(ckpt_dir_or_file)
    shapes = reader.get_variable_to_shape_map()
    return [(name, shapes[name]) for name in sorted(shapes)]
