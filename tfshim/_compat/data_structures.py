"""``tensorflow.python.trackable.data_structures``: the wrappers Keras's tree registry names."""

from tfshim._core.data_structures import DictWrapper as _DictWrapper
from tfshim._core.data_structures import ListWrapper

__all__ = ["ListWrapper", "_DictWrapper"]
