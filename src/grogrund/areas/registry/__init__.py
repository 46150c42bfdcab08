"""The area registry: every official Swedish statistical area, shipped with Grogrund.

`load_registry()` (run by the migration areas/0006 and by `grogrund areas load`) writes
Sweden, its 21 counties, 290 municipalities, 3,363 RegSO 2020 and 5,984 DeSO 2018 from SCB's
lists in `data/`; `ALIASES` holds other names people give them.
"""

from grogrund.areas.registry.loader import ALIASES, RegistryResult, load_registry

__all__ = ["ALIASES", "RegistryResult", "load_registry"]
