"""tf.distribute.ReduceOp (TF's reduce_util.py)."""

import enum

from .. import _api
from .._core.variable import VariableAggregation


@_api.export("distribute.ReduceOp")
class ReduceOp(enum.Enum):
    """How a set of values should be reduced: `SUM` adds them, `MEAN` averages them."""

    SUM = "SUM"
    MEAN = "MEAN"

    @staticmethod
    def from_variable_aggregation(aggregation):
        reduce_op = {VariableAggregation.SUM: ReduceOp.SUM,
                     VariableAggregation.MEAN: ReduceOp.MEAN}.get(aggregation)
        if not reduce_op:
            raise ValueError("Could not convert from `tf.VariableAggregation` %s to"
                             "`tf.distribute.ReduceOp` type" % aggregation)
        return reduce_op


def as_reduce_op(reduce_op):
    """A ReduceOp from a ReduceOp or its name in any case ("sum"), as TF's methods accept."""
    if isinstance(reduce_op, str):
        return ReduceOp(reduce_op.upper())
    return reduce_op
