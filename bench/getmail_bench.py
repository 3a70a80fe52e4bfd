"""Head to head with getmail6 on one Dovecot box of 3,000 messages: a whole-process idle run of each.

Run: .venv/bin/python bench/getmail_bench.py [--messages 3000]   (needs getmail6: .venv/bin/pip install getmail6)
getmail6 is a mature incremental IMAP fetcher: it keeps an oldmail file of what it has seen and, each run, lists
the folder and fetches only what is new. Both tools first catch up with the box (getmail6 downloads every message
into a Maildir; baocao records the folder's position, the mail being older than any cycle), then each idle run,
with nothing new, is timed as a whole process, startup and imports included, in alternation.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from boxes import NOW, baocao_bin, dovecot, fill_maildir, imap_config, newsletter

from tests.servers.dovecot import ImapAccount

GETMAILRC = """\
[retriever]
type = SimpleIMAPRetriever
server = 127.0.0.1
port = {port}
username = {user}
password = {password}
mailboxes = ("INBOX",)

[destination]
type = Maildir
path = {maildir}/
{user_line}
[options]
verbose = 0
read_all = false
delete = false
message_log_syslog = false
"""


def getmail_setup(work: Path, account: ImapAccount) -> list[str]:
    getmail = shutil.which("getmail", path=str(Path(sys.executable).parent))
    if getmail is None:
        raise SystemExit("getmail6 is not installed: .venv/bin/pip install getmail6")
    maildir = work / "getmail-maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    user_line = ""
    if os.geteuid() == 0:  # getmail6 refuses to deliver as root: it delivers as the mail user, as Dovecot does
        user_line = f"user = {pwd.getpwuid(account.server.mail_uid).pw_name}\n"
        for path in (maildir, *maildir.iterdir()):
            os.chown(path, account.server.mail_uid, account.server.mail_gid)
    state = work / "getmail-state"
    state.mkdir()
    (state / "getmailrc").write_text(GETMAILRC.format(port=account.port, user=account.user, user_line=user_line,
                                                      password=account.password, maildir=maildir))
    return [getmail, "--getmaildir", str(state), "--rcfile", "getmailrc"]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{Path(cmd[0]).name} failed with {done.returncode}:\n{done.stderr}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with dovecot() as (server, tmp):
        account = server.add_user("shared-box")
        fill_maildir(account, args.messages, newsletter)
        assert account.count() == args.messages
        work = tmp / "work"
        getmail = getmail_setup(work, account)
        baocao = [baocao_bin(), "-c", str(imap_config(work, account)), "--now", NOW, "poll"]
        print(f"catching up with {args.messages} messages: getmail6 {timed(getmail):.1f} s, "
              f"baocao {timed(baocao):.1f} s")
        fetched = sum(1 for _ in (work / "getmail-maildir" / "new").iterdir())
        assert fetched == args.messages, f"getmail6 fetched {fetched} of {args.messages}"
        times: dict[str, list[float]] = {"getmail6": [], "baocao": []}
        for _ in range(args.runs):
            times["getmail6"].append(timed(getmail))
            times["baocao"].append(timed(baocao))
        assert sum(1 for _ in (work / "getmail-maildir" / "new").iterdir()) == args.messages  # idle: nothing new
    ours, theirs = statistics.median(times["baocao"]), statistics.median(times["getmail6"])
    print(f"whole-process idle run at {args.messages} messages (median of {args.runs}):")
    print(f"  getmail6 (oldmail up to date)   {theirs * 1000:6.0f} ms")
    print(f"  baocao poll (nothing new)       {ours * 1000:6.0f} ms   {ours / theirs:.2f}x getmail6: "
          f"{'faster' if ours < theirs else 'SLOWER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
