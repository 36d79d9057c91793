"""XML Schemas of the exchange formats pst-kg reads and writes (installed as ``pstkg.schemas``)."""
