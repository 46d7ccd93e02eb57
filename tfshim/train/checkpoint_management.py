"""tf.train.CheckpointManager, latest_checkpoint and get_checkpoint_state (TF's
checkpoint/checkpoint_management.py): the `checkpoint` file, a CheckpointState text proto."""

from __future__ import annotations

import collections
import glob
import os
import time
import uuid

from google.protobuf import text_format

from .. import _api
from .._core import tf_logging
from .._proto.checkpoint_state import CheckpointState


def _state_filename(save_dir, latest_filename=None):
    return os.path.join(save_dir, latest_filename or "checkpoint")


def _atomic_write(path: str, text: str) -> None:
    tmp = "%s.tmp%s" % (path, uuid.uuid4().hex)
    try:
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def update_checkpoint_state_internal(save_dir, model_checkpoint_path,
                                     all_model_checkpoint_paths=None, latest_filename=None,
                                     save_relative_paths=False,
                                     all_model_checkpoint_timestamps=None,
                                     last_preserved_timestamp=None):
    """Writes the `checkpoint` file of save_dir (TF's update_checkpoint_state_internal)."""
    paths = list(all_model_checkpoint_paths or [])
    if save_relative_paths:
        model_checkpoint_path = (os.path.relpath(model_checkpoint_path, save_dir)
                                 if os.path.isabs(model_checkpoint_path)
                                 else model_checkpoint_path)
        paths = [os.path.relpath(p, save_dir) if os.path.isabs(p) else p for p in paths]
    if not paths or paths[-1] != model_checkpoint_path:
        paths.append(model_checkpoint_path)
    if all_model_checkpoint_timestamps and len(all_model_checkpoint_timestamps) != len(paths):
        raise ValueError("Checkpoint timestamps, if provided, must match checkpoint paths (got "
                         "paths %s and timestamps %s)" % (paths, all_model_checkpoint_timestamps))
    if not os.path.isabs(save_dir):
        if not os.path.isabs(model_checkpoint_path):
            model_checkpoint_path = os.path.relpath(model_checkpoint_path, save_dir)
        paths = [p if os.path.isabs(p) else os.path.relpath(p, save_dir) for p in paths]
    state = CheckpointState(model_checkpoint_path=model_checkpoint_path,
                            all_model_checkpoint_paths=paths,
                            all_model_checkpoint_timestamps=all_model_checkpoint_timestamps,
                            last_preserved_timestamp=last_preserved_timestamp)
    filename = _state_filename(save_dir, latest_filename)
    if filename == state.model_checkpoint_path:
        raise RuntimeError("Save path '%s' conflicts with path used for checkpoint state.  "
                           "Please use a different save path." % model_checkpoint_path)
    _atomic_write(filename, text_format.MessageToString(state))


@_api.export("train.get_checkpoint_state")
def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    """tf.train.get_checkpoint_state: the directory's CheckpointState, paths joined to it."""
    checkpoint_dir = os.fspath(checkpoint_dir)
    filename = _state_filename(checkpoint_dir, latest_filename)
    if not os.path.isfile(filename):
        return None
    try:
        with open(filename) as f:
            state = text_format.Parse(f.read(), CheckpointState())
    except (text_format.ParseError, UnicodeDecodeError) as e:
        tf_logging.warning("%s: %s", type(e).__name__, e)
        tf_logging.warning("%s: Checkpoint ignored", filename)
        return None
    if not state.model_checkpoint_path:
        raise ValueError("Invalid checkpoint state loaded from " + checkpoint_dir)
    if not os.path.isabs(state.model_checkpoint_path):
        state.model_checkpoint_path = os.path.join(checkpoint_dir, state.model_checkpoint_path)
    for i, p in enumerate(state.all_model_checkpoint_paths):
        if not os.path.isabs(p):
            state.all_model_checkpoint_paths[i] = os.path.join(checkpoint_dir, p)
    return state


@_api.export("train.latest_checkpoint")
def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """tf.train.latest_checkpoint: the newest checkpoint's prefix, or None."""
    state = get_checkpoint_state(checkpoint_dir, latest_filename)
    if state and state.model_checkpoint_path:
        if glob.glob(glob.escape(state.model_checkpoint_path) + ".index") or \
                glob.glob(glob.escape(state.model_checkpoint_path)):
            return state.model_checkpoint_path
        tf_logging.get_logger().error("Couldn't match files for checkpoint %s",
                                      state.model_checkpoint_path)
    return None


def _delete_checkpoint_files(prefix: str) -> None:
    escaped = glob.escape(prefix)
    for path in glob.glob(escaped + ".index") + glob.glob(escaped + ".data-?????-of-?????"):
        try:
            os.remove(path)
        except FileNotFoundError:
            tf_logging.warning("Hit NotFoundError when deleting '%s', possibly because another "
                               "process/thread is also deleting/moving the same file", path)


@_api.export("train.CheckpointManager")
class CheckpointManager:
    """tf.train.CheckpointManager."""

    def __init__(self, checkpoint, directory, max_to_keep, keep_checkpoint_every_n_hours=None,
                 checkpoint_name="ckpt", step_counter=None, checkpoint_interval=None,
                 init_fn=None, last_checkpoint_step=None):
        self._checkpoint = checkpoint
        if max_to_keep is not None and max_to_keep <= 0:
            raise ValueError("Expected a positive integer or `None` for `max_to_keep`, got %d."
                             % (max_to_keep,))
        self._max_to_keep = max_to_keep
        self._keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        directory = os.fspath(directory)
        self._directory = directory
        self._checkpoint_prefix = os.path.join(directory, checkpoint_name)
        self._init_fn = init_fn
        if checkpoint_interval is not None:
            if step_counter is None:
                raise ValueError("`step_counter` should be passed if `checkpoint_interval` is "
                                 "not None.")
            self._last_checkpoint_step = last_checkpoint_step
            self._step_counter = step_counter
        self._checkpoint_interval = checkpoint_interval
        recovered = get_checkpoint_state(directory)
        now = time.time()
        self._maybe_delete = collections.OrderedDict()
        if recovered is None:
            self._latest_checkpoint = None
            self._last_preserved_timestamp = now - 1.0
        else:
            self._latest_checkpoint = recovered.model_checkpoint_path
            self._last_preserved_timestamp = recovered.last_preserved_timestamp
            if now < self._last_preserved_timestamp:
                tf_logging.warning("time.time() returned a value %f seconds behind the last "
                                   "preserved checkpoint timestamp."
                                   % (self._last_preserved_timestamp - now))
                self._last_preserved_timestamp = now
            paths = list(recovered.all_model_checkpoint_paths)
            stamps = list(recovered.all_model_checkpoint_timestamps) or \
                [self._last_preserved_timestamp] * len(paths)
            for filename, stamp in zip(paths, stamps):
                stamp = min(stamp, now)
                if stamp > self._last_preserved_timestamp:
                    self._maybe_delete[filename] = stamp

    directory = property(lambda self: self._directory)
    checkpoint_interval = property(lambda self: self._checkpoint_interval)
    latest_checkpoint = property(lambda self: self._latest_checkpoint)
    checkpoint = property(lambda self: self._checkpoint)

    @property
    def checkpoints(self):
        """The kept checkpoints' prefixes, oldest first."""
        return list(self._maybe_delete)

    def _sweep(self):
        if not self._max_to_keep:
            return
        while len(self._maybe_delete) > self._max_to_keep:
            filename, stamp = self._maybe_delete.popitem(last=False)
            if self._keep_checkpoint_every_n_hours and (
                    stamp - self._keep_checkpoint_every_n_hours * 3600.0
                    >= self._last_preserved_timestamp):
                self._last_preserved_timestamp = stamp
                continue
            self._delete(filename)

    def _delete(self, prefix):
        # A `checkpoint` file is data: a path in it never deletes files outside the directory.
        directory = os.path.realpath(self._directory)
        if os.path.commonpath([directory, os.path.realpath(prefix)]) != directory:
            tf_logging.warning("Not deleting checkpoint %s: it is outside the managed directory "
                               "%s", prefix, self._directory)
            return
        _delete_checkpoint_files(prefix)

    def _record_state(self):
        filenames, stamps = zip(*self._maybe_delete.items())
        update_checkpoint_state_internal(
            self._directory, model_checkpoint_path=self._latest_checkpoint,
            all_model_checkpoint_paths=filenames, all_model_checkpoint_timestamps=stamps,
            last_preserved_timestamp=self._last_preserved_timestamp, save_relative_paths=True)

    def save(self, checkpoint_number=None, check_interval=True, options=None):
        """Writes a numbered checkpoint, records it, deletes those beyond max_to_keep."""
        if self._checkpoint_interval is not None:
            current = int(self._step_counter.numpy() if hasattr(self._step_counter, "numpy")
                          else self._step_counter)
            if self._last_checkpoint_step is not None:
                if current == self._last_checkpoint_step:
                    return None
                if check_interval and current < (self._last_checkpoint_step
                                                  + self._checkpoint_interval):
                    return None
            self._last_checkpoint_step = current
        save_counter = self._checkpoint.save_counter
        save_counter.assign_add(1)
        if checkpoint_number is None:
            checkpoint_number = save_counter
        if not isinstance(checkpoint_number, int):
            checkpoint_number = int(checkpoint_number.numpy())
        prefix = "%s-%d" % (self._checkpoint_prefix, checkpoint_number)
        save_path = self._checkpoint._write(prefix, options)
        stamp = time.time()
        # A re-saved number moves to the end of the queue.
        self._maybe_delete.pop(save_path, None)
        self._maybe_delete[save_path] = stamp
        self._latest_checkpoint = save_path
        self._record_state()
        self._sweep()
        self._record_state()
        return save_path

    def restore_or_initialize(self):
        """Restores the latest checkpoint (returning its path) or runs init_fn (None)."""
        if self._latest_checkpoint is not None:
            self._checkpoint.restore(self._latest_checkpoint)
            if self._checkpoint_interval is not None:
                self._last_checkpoint_step = int(self._step_counter.numpy())
            return self._latest_checkpoint
        if self._init_fn is not None:
            self._init_fn()
        return None

    def sync(self):
        """Waits for pending saves: tfshim's saves are synchronous."""
