#!/usr/bin/env bash
# Prints the Debian mirror URI this machine's apt sources use for its own
# release suite (deb822 .sources files or the one-line sources.list), so no
# host name is ever written into the repository.
set -uo pipefail

codename=$(. /etc/os-release && echo "$VERSION_CODENAME")

from_deb822() {
  { cat /etc/apt/sources.list.d/*.sources 2>/dev/null; echo; } | awk -v suite="$codename" '
    /^[ \t]*$/ { if (uri != "" && ok) { print uri; exit } uri = ""; ok = 0; next }
    tolower($1) == "uris:" { uri = $2 }
    tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == suite) ok = 1 }
  '
}

from_one_line() {
  [ -f /etc/apt/sources.list ] || return 0
  # Drop an "[options]" block so the URI is field 2.
  sed -e 's/\[[^]]*\]//' /etc/apt/sources.list |
    awk -v suite="$codename" '$1 == "deb" && $3 == suite { print $2 }'
}

uri=$({ from_deb822; from_one_line; } | head -n 1)
[ -n "$uri" ] || exit 1
echo "$uri"
