"""The configuration, on the bottom floor: settings.py (the frozen records every other module takes; record.py
gives them a frozen dataclass's behaviour without loading dataclasses), load.py (config.yaml read and validated into
them, with section.py and yamlmarks.py for key and file:line in errors), roster.py (the schools) and cache.py (the
validated Config an idle poll reuses). Anything in daemon may import it; it imports only daemon.errors. This file
imports nothing, so the types load without the YAML reader."""
