"""The `baocao` command line, the top floor: main.py parses the arguments and loads the config (cached for poll),
commands.py and commands_sched.py hold the subcommands' bodies, check.py `baocao check`, demo.py `baocao demo` and
its sample bundle (demo/), formats.py --now and --json. It may import anything in daemon; nothing imports it but
daemon/__main__.py and the console script."""
