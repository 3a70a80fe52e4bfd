# Sourced by setup-system.sh and install.sh: which of the Debian packages given are not installed.
# shellcheck shell=sh
missing_packages() {  # missing_packages PKG... -> " pkg1 pkg2" (empty when all are installed)
    missing=""
    for pkg in "$@"; do
        if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null)" != "ii " ]; then
            missing="$missing $pkg"
        fi
    done
    printf '%s' "$missing"
}
