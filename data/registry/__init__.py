"""Reference tables shipped with pst-kg (installed as ``pstkg.registry``)."""
