"""A tf.function trace's compiler IR (TF's polymorphic_function/compiler_ir.py): what
`Function.experimental_get_compiler_ir` returns, from the trace's jitted program."""

from __future__ import annotations

import jax

from . import errors

STAGES = ("hlo", "hlo_serialized", "optimized_hlo", "optimized_hlo_serialized",
          "optimized_hlo_dot")


def from_concrete_function(cf):
    """TF's compiler IR getter for a trace: a function of (stage, platform_name) giving XLA's
    HLO text ("hlo"), or after XLA's passes ("optimized_hlo"), or the serialized HLO module
    ("hlo_serialized")."""
    var_avals = [jax.ShapeDtypeStruct(v._value.shape, v._value.dtype) for v, _ in cf._vars]
    arg_avals = [jax.ShapeDtypeStruct(s, d) for s, d in cf._arg_avals]

    def compiler_ir_getter(stage="hlo", platform_name=None):
        if stage not in STAGES:
            raise ValueError("Invalid stage selected: %r. Valid values are: %s"
                             % (stage, ", ".join(map(repr, STAGES))))
        lowered = jax.jit(cf._pure_flat).lower(*var_avals, *arg_avals)
        if stage == "hlo":
            return lowered.as_text(dialect="hlo")
        if stage == "hlo_serialized":
            return lowered.compiler_ir("hlo").as_serialized_hlo_module_proto()
        if stage == "optimized_hlo":
            return lowered.compile().as_text()
        raise errors.UnimplementedError(
            None, None, "stage %r: JAX gives no optimized HLO module proto" % stage)

    return compiler_ir_getter
