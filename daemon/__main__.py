from daemon.cli.main import entry

entry()
