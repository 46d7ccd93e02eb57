"""The export registry: TF names -> objects. Namespace modules and the API listing read it."""

from __future__ import annotations

# "math.reduce_sum" -> obj; "" is the top-level tf namespace.
REGISTRY: dict[str, object] = {}


def export(*names: str):
    """Register obj under each TF name (canonical first), as TF's @tf_export."""

    def register(obj):
        for name in names:
            if name in REGISTRY and REGISTRY[name] is not obj:
                raise ValueError(f"tf.{name} is exported twice")
            REGISTRY[name] = obj
        if not hasattr(obj, "_tf_api_names"):
            try:
                obj._tf_api_names = names
            except (AttributeError, TypeError):
                pass
        return obj

    return register


def namespace(prefix: str) -> dict[str, object]:
    """The objects exported directly under tf.<prefix> (prefix "" for tf itself)."""
    out = {}
    dot = prefix + "." if prefix else ""
    for name, obj in REGISTRY.items():
        if name.startswith(dot) and "." not in name[len(dot):]:
            out[name[len(dot):]] = obj
    return out


def listing() -> list[str]:
    """Every exported name, sorted: the golden API listing."""
    return sorted("tf." + n for n in REGISTRY)
