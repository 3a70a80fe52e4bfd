#!/bin/sh
# Installs the Debian packages baocao and its tests need. Idempotent, non-interactive; run as root.
# Never starts or enables a system service: the tests start their own Dovecot under a tmp dir.
# chromium: tests/test_mail_render.py renders every mail's HTML at 400 px (a phone) and fails on overflow.
# systemd: only for systemd-analyze (tests/test_install.py verifies and scores the unit); a container may lack it.
set -eu

PACKAGES="dovecot-core dovecot-imapd tesseract-ocr tesseract-ocr-vie libreoffice-writer-nogui
fonts-liberation poppler-utils openssl systemd chromium"

. "$(dirname "$0")/packages.sh"
# shellcheck disable=SC2086  # word splitting of the package list is intended
missing=$(missing_packages $PACKAGES)

if [ -z "$missing" ]; then
    echo "setup-system: all packages present"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "setup-system: missing packages:$missing" >&2
    echo "setup-system: run as root, or: sudo apt-get install -y$missing" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive

# policy-rc.d exit 101 tells invoke-rc.d not to start the services the packages ship (dovecot).
policy=/usr/sbin/policy-rc.d
own_policy=""
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    own_policy=1
fi
log=$(mktemp)
cleanup() {
    if [ -n "$own_policy" ]; then rm -f "$policy"; fi
    rm -f "$log"
}
trap cleanup EXIT INT TERM

# apt's chatter goes to a log that is shown only when a step fails.
run() {
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        echo "setup-system: failed: $*" >&2
        exit 1
    fi
}

echo "setup-system: apt-get update"
run apt-get update -q

echo "setup-system: installing$missing"
# shellcheck disable=SC2086  # word splitting of the package list is intended
run apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 $missing

case "$missing" in
*dovecot*)
    # The packaged dovecot would listen on 143/993 at the next boot; the tests never need it.
    for unit in dovecot.service dovecot.socket; do
        if command -v deb-systemd-helper >/dev/null 2>&1; then
            deb-systemd-helper disable "$unit" >/dev/null 2>&1 || true
        fi
    done
    echo "setup-system: dovecot system service left disabled"
    ;;
esac

echo "setup-system: done"
