#!/bin/sh
# Installs baocao as a systemd service on Debian or Ubuntu, or upgrades it: run it again after `git pull`.
#   sudo scripts/install.sh                    # from the source tree
#   sudo scripts/install.sh --root DIR         # into DIR instead of / (CI): no apt-get, no systemctl
#   sudo scripts/install.sh --wheel FILE       # install this wheel instead of building one from the tree
# What it leaves (README "Running it as a service" says the same):
#   Debian packages  python3-venv, tesseract-ocr + tesseract-ocr-vie, libreoffice-writer-nogui, poppler-utils,
#                    fonts-dejavu-core and fonts-liberation (Vietnamese glyphs)
#   user             baocao (system user and group, home /var/lib/baocao, no login shell)
#   /opt/baocao/venv the code: a venv from the system python3 with the baocao wheel
#   /etc/baocao/     root:baocao 0750; config.yaml, roster.csv, imap-password, smtp-password root:baocao 0640;
#                    written only when missing, so an upgrade keeps the office's config and passwords
#   /var/lib/baocao  baocao:baocao 0700, the state (the unit's StateDirectory=)
#   /etc/systemd/system/baocao.service, /usr/share/doc/baocao/README.md (the unit's Documentation=)
#   /usr/local/bin/baocao  for admins: runs baocao as the user baocao with /etc/baocao/config.yaml
set -eu

ROOT=/
WHEEL=""
while [ $# -gt 0 ]; do
    case "$1" in
    --root) ROOT=${2:?--root needs a directory}; shift 2 ;;
    --root=*) ROOT=${1#--root=}; shift ;;
    --wheel) WHEEL=${2:?--wheel needs a file}; shift 2 ;;
    --wheel=*) WHEEL=${1#--wheel=}; shift ;;
    -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "install: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [ "$(id -u)" -ne 0 ]; then
    echo "install: run as root: sudo $0" >&2
    exit 1
fi
SRC=$(cd "$(dirname "$0")/.." && pwd)
# Debian's own python3, never the first on root's PATH: a pyenv or conda python under /root is not executable
# by the service user, and its venv would not start
PYTHON=/usr/bin/python3
ROOT=$(cd "$ROOT" && pwd)
R=${ROOT%/}  # "" for a real install, so "$R/etc" is /etc

PACKAGES="python3 python3-venv tesseract-ocr tesseract-ocr-vie libreoffice-writer-nogui poppler-utils
fonts-dejavu-core fonts-liberation"

say() { echo "install: $*"; }

install_packages() {
    . "$SRC/scripts/packages.sh"
    # shellcheck disable=SC2086  # word splitting of the package list is intended
    missing=$(missing_packages $PACKAGES)
    if [ -z "$missing" ]; then
        say "system packages: all present"
        return
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "install: this machine has no apt-get (not Debian or Ubuntu); install these first:$missing" >&2
        exit 1
    fi
    say "system packages: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    log=$(mktemp)
    # apt's chatter is shown only when a step fails
    # shellcheck disable=SC2086  # word splitting of the package list is intended
    if ! { apt-get update -q && apt-get install -y -q --no-install-recommends $missing; } >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "install: apt-get could not install:$missing" >&2
        exit 1
    fi
    rm -f "$log"
}

ensure_user() {
    if [ -z "$R" ]; then
        getent passwd baocao >/dev/null || useradd --system --user-group --home-dir /var/lib/baocao \
            --no-create-home --shell /usr/sbin/nologin --comment "baocao service" baocao
    else
        grep -q '^baocao:' "$R/etc/passwd" 2>/dev/null || useradd --prefix "$R" --system --user-group \
            --home-dir /var/lib/baocao --no-create-home --shell /usr/sbin/nologin --comment "baocao service" baocao
    fi
    # numeric ids from the target's own passwd, so a scratch root gets its own user's ids
    BAOCAO_UID=$(awk -F: '$1 == "baocao" {print $3}' "$R/etc/passwd")
    BAOCAO_GID=$(awk -F: '$1 == "baocao" {print $4}' "$R/etc/passwd")
}

install_code() {
    if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "install: baocao needs Python 3.11 or later as $PYTHON (Debian 12, Ubuntu 24.04 and later have it)" >&2
        exit 1
    fi
    venv="$R/opt/baocao/venv"
    # a venv whose python went away (a Debian release upgrade) or is not the system's is made again
    if [ "$(readlink -f "$venv/bin/python")" != "$(readlink -f "$PYTHON")" ] || ! "$venv/bin/python" -c "" 2>/dev/null; then
        rm -rf "$venv"
        install -d -m 0755 "$R/opt/baocao"
        "$PYTHON" -m venv "$venv"
    fi
    if [ -z "$WHEEL" ]; then
        build=$(mktemp -d)
        trap 'rm -rf "$build"' EXIT
        # built from a copy: a root-owned build/ must not be left in the source tree
        mkdir "$build/src"
        cp -r "$SRC/pyproject.toml" "$SRC/README.md" "$SRC/daemon" "$SRC/parsers" "$SRC/state" "$SRC/templates" \
            "$build/src/"
        "$venv/bin/pip" wheel --quiet --no-deps --wheel-dir "$build" "$build/src"
        WHEEL=$(ls "$build"/baocao-*.whl)
    fi
    # the dependencies as needed, then baocao itself replaced even when its version did not change
    "$venv/bin/pip" install --quiet --upgrade-strategy only-if-needed "$WHEEL"
    "$venv/bin/pip" install --quiet --no-deps --force-reinstall "$WHEEL"
    say "code: $WHEEL -> /opt/baocao/venv"
}

# a file of the office's (config, roster, passwords): written only when missing, owner and mode always set
office_file() {  # office_file TARGET [SOURCE]
    if [ ! -e "$1" ]; then
        if [ $# -gt 1 ]; then cp "$2" "$1"; else : >"$1"; fi
        say "wrote ${1#"$R"}"
    fi
    chown "0:$BAOCAO_GID" "$1"
    chmod 0640 "$1"
}

install_config() {
    install -d -m 0750 -o 0 -g "$BAOCAO_GID" "$R/etc/baocao"
    if [ ! -e "$R/etc/baocao/config.yaml" ]; then
        # the repository's config with the passwords read from the files below at every login
        sed -e 's|password_env: BAOCAO_IMAP_PASSWORD|password_file: /etc/baocao/imap-password|' \
            -e 's|password_env: BAOCAO_SMTP_PASSWORD|password_file: /etc/baocao/smtp-password|' \
            "$SRC/config.yaml" >"$R/etc/baocao/config.yaml.new"
        mv "$R/etc/baocao/config.yaml.new" "$R/etc/baocao/config.yaml"
        say "wrote /etc/baocao/config.yaml"
    fi
    office_file "$R/etc/baocao/config.yaml"
    office_file "$R/etc/baocao/roster.csv" "$SRC/roster.csv"
    office_file "$R/etc/baocao/imap-password"
    office_file "$R/etc/baocao/smtp-password"
    install -d -m 0700 -o "$BAOCAO_UID" -g "$BAOCAO_GID" "$R/var/lib/baocao"
}

install_unit() {
    install -D -m 0644 -o 0 -g 0 "$SRC/systemd/baocao.service" "$R/etc/systemd/system/baocao.service"
    install -D -m 0644 -o 0 -g 0 "$SRC/README.md" "$R/usr/share/doc/baocao/README.md"
    install -d -m 0755 "$R/usr/local/bin"
    cat >"$R/usr/local/bin/baocao.new" <<'WRAPPER'
#!/bin/sh
# baocao for admins (installed by scripts/install.sh): runs as the service user, so nothing an admin runs
# leaves root-owned database files (WAL/SHM) that would lock the service out; -c defaults to the installed config.
BIN=/opt/baocao/venv/bin/baocao
case " $* " in
*" -c "* | *" --config "* | *" --config="*) ;;
*) set -- -c /etc/baocao/config.yaml "$@" ;;
esac
if [ "$(id -un)" = baocao ]; then
    exec "$BIN" "$@"
elif [ "$(id -u)" -eq 0 ]; then
    exec runuser -u baocao -- "$BIN" "$@"
else
    exec sudo -u baocao -- "$BIN" "$@"
fi
WRAPPER
    chmod 0755 "$R/usr/local/bin/baocao.new"
    mv "$R/usr/local/bin/baocao.new" "$R/usr/local/bin/baocao"
}

start_service() {
    if [ -n "$R" ] || [ ! -d /run/systemd/system ]; then
        say "systemd is not running here: the unit is installed; on the server run: systemctl enable --now baocao"
        return
    fi
    systemctl daemon-reload
    systemctl enable --quiet baocao
    # a config the new code refuses would stop the service with exit 2: say so and leave it running as it is
    validate='import sys
from daemon.config.load import load_config
from daemon.errors import ConfigError
try:
    load_config(sys.argv[1])
except ConfigError as e:
    sys.exit(str(e))'
    if ! problem=$(runuser -u baocao -- /opt/baocao/venv/bin/python -c "$validate" /etc/baocao/config.yaml 2>&1); then
        say "not restarted: the config needs a fix first: $problem"
        return
    fi
    if systemctl is-active --quiet baocao; then
        systemctl restart baocao
        say "service restarted with the new code"
    elif [ -s /etc/baocao/imap-password ] && [ -s /etc/baocao/smtp-password ]; then
        systemctl start baocao
        say "service started"
    else
        say "service enabled, not started: the password files are empty"
    fi
}

if [ -z "$R" ]; then install_packages; else say "--root $ROOT: system packages and systemctl left out"; fi
ensure_user
install_code
install_config
install_unit
start_service
cat <<NEXT
install: done. Next, as root:
  1. write the app passwords:  /etc/baocao/imap-password and /etc/baocao/smtp-password (one line each)
  2. edit /etc/baocao/config.yaml (office, staff, cycles) and /etc/baocao/roster.csv
  3. baocao check                  # runs as the user baocao; says what is missing or wrong
  4. systemctl restart baocao && journalctl -u baocao -f
NEXT
