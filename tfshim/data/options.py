"""tf.data.Options (TF's data/ops/options.py): options recorded on a dataset; tfshim's pipeline
reads none of them (threads are its own), but they merge and read back as TF's."""

from __future__ import annotations

import enum

from .. import _api


@_api.export("data.experimental.AutoShardPolicy")
class AutoShardPolicy(enum.IntEnum):
    """tf.data.experimental.AutoShardPolicy."""

    OFF = -1
    AUTO = 0
    FILE = 1
    DATA = 2
    HINT = 3


@_api.export("data.experimental.ExternalStatePolicy")
class ExternalStatePolicy(enum.Enum):
    """tf.data.experimental.ExternalStatePolicy."""

    WARN = 0
    IGNORE = 1
    FAIL = 2


class _OptionsBase:
    _fields: dict = {}

    def __init__(self):
        object.__setattr__(self, "_values", {})

    def __getattr__(self, name):
        fields = type(self)._fields
        if name not in fields:
            raise AttributeError(name)
        values = self.__dict__["_values"]
        if name not in values and isinstance(fields[name], type):
            values[name] = fields[name]()
        return values.get(name, None if isinstance(fields[name], type) else fields[name])

    def __setattr__(self, name, value):
        if name not in type(self)._fields:
            raise AttributeError("Cannot set the property %s on %s." % (name,
                                                                        type(self).__name__))
        self._values[name] = value

    def __eq__(self, other):
        return type(other) is type(self) and self._values == other._values

    def __hash__(self):
        return id(self)

    def merge(self, other):
        out = type(self)()
        for source in (self, other):
            for k, v in source._values.items():
                if isinstance(v, _OptionsBase) and isinstance(out._values.get(k), _OptionsBase):
                    v = out._values[k].merge(v)
                out._values[k] = v
        return out


@_api.export("data.experimental.AutotuneOptions")
class AutotuneOptions(_OptionsBase):
    _fields = {"enabled": None, "cpu_budget": None, "ram_budget": None,
               "autotune_algorithm": None, "initial_parallelism": None,
               "min_parallelism": None}


@_api.export("data.experimental.DistributeOptions")
class DistributeOptions(_OptionsBase):
    _fields = {"auto_shard_policy": AutoShardPolicy.AUTO, "num_devices": None}


@_api.export("data.experimental.OptimizationOptions")
class OptimizationOptions(_OptionsBase):
    _fields = {k: None for k in (
        "apply_default_optimizations", "filter_fusion", "filter_parallelization",
        "inject_prefetch", "map_and_batch_fusion", "map_and_filter_fusion", "map_fusion",
        "map_parallelization", "noop_elimination", "parallel_batch", "seq_interleave_prefetch",
        "shuffle_and_repeat_fusion", "warm_start")}


@_api.export("data.ThreadingOptions", "data.experimental.ThreadingOptions")
class ThreadingOptions(_OptionsBase):
    _fields = {"max_intra_op_parallelism": None, "private_threadpool_size": None}


@_api.export("data.Options")
class Options(_OptionsBase):
    """tf.data.Options."""

    _fields = {"autotune": AutotuneOptions, "deterministic": None,
               "experimental_deterministic": None, "experimental_distribute": DistributeOptions,
               "experimental_external_state_policy": None,
               "experimental_optimization": OptimizationOptions, "experimental_slack": False,
               "experimental_symbolic_checkpoint": None, "experimental_warm_start": False,
               "dataset_name": None, "framework_type": None, "threading": ThreadingOptions,
               "experimental_threading": ThreadingOptions}
