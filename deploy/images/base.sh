#!/usr/bin/env bash
# Builds the local JVM base image FROM scratch, for machines with no registry (build.sh calls it):
#
#   deploy/images/base.sh WORK_DIR IMAGE
#   deploy/images/base.sh --find-jdk      (prints the JDK it would use, or fails saying why)
#
# The image holds a JRE jlinked from a JDK 25 on this machine (BASE_JDK, else JAVA_HOME, else the first JDK 25
# under /usr/lib/jvm): the services' jars are Java 17 bytecode, run by a JRE 25 for its ahead-of-time cache (each
# Dockerfile.jvm). The JRE has the modules the services' jars use, found with
# jdeps, plus the ones they load at run time: TLS elliptic curves, DNS, zip file system, charsets), every shared
# library those binaries link (ldd) with the loader, a static busybox as /bin/sh and tools, /etc/passwd and
# /etc/group with user and group 185 (the uid of the public UBI OpenJDK base and of deploy/k8s), and /tmp.
# It is rebuilt only when the JDK, the module list or busybox change.
set -euo pipefail

is_jdk25() { grep -q '^JAVA_VERSION="25' "$1/release" 2>/dev/null && [[ -x $1/bin/jlink ]]; }
find_jdk() {
    local candidate
    if [[ -n ${BASE_JDK:-} ]]; then
        is_jdk25 "$BASE_JDK" && { echo "$BASE_JDK"; return 0; }
        echo "base image: BASE_JDK=$BASE_JDK is not a JDK 25 with jlink" >&2
        return 1
    fi
    for candidate in ${JAVA_HOME:-} /usr/lib/jvm/*; do
        is_jdk25 "$candidate" && { echo "$candidate"; return 0; }
    done
    echo "base image: no JDK 25 with jlink here (install one, e.g. Eclipse Temurin 25, or set BASE_JDK)" >&2
    return 1
}
if [[ ${1:-} == --find-jdk ]]; then
    find_jdk
    exit
fi
WORK=$1 IMAGE=$2

MODULES=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.rmi,\
java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.charsets,\
jdk.crypto.ec,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs

JDK=$(find_jdk)
BUSYBOX=$(command -v busybox || true)
[[ -n $BUSYBOX ]] && ! ldd "$BUSYBOX" >/dev/null 2>&1 \
    || { echo "base image: a static busybox is needed (Debian: apt-get install busybox-static)" >&2; exit 1; }

BUILDAH=(buildah --storage-driver "${STORAGE_DRIVER:-vfs}")
STAMP=$( (cat "$JDK/release"; echo "$MODULES"; sha256sum "$BUSYBOX"; sha256sum <"$0") | sha256sum | cut -c1-16)
if [[ $("${BUILDAH[@]}" inspect --type image --format '{{index .ImageAnnotations "io.fxpipeline.base.stamp"}}' "$IMAGE" 2>/dev/null) == "$STAMP" ]]; then
    echo "base $IMAGE is up to date"
    exit 0
fi

OLD=$("${BUILDAH[@]}" inspect --type image --format '{{.FromImageID}}' "$IMAGE" 2>/dev/null || true)
start=$SECONDS
rm -rf "$WORK" && mkdir -p "$WORK"
ROOTFS=$WORK/rootfs
mkdir -p "$ROOTFS"/{bin,etc,tmp,opt,home/default} && chmod 1777 "$ROOTFS/tmp"
"$JDK/bin/jlink" --add-modules "$MODULES" --generate-cds-archive --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
    --output "$ROOTFS/opt/java"
# Headless services: the X11, sound and splash-screen libraries would only pull in X11 and ALSA.
rm -f "$ROOTFS"/opt/java/lib/{libawt_xawt,libjsound,libsplashscreen}.so

# Shared libraries of the JRE's binaries (its own are found through $ORIGIN), copied to the same paths.
for elf in "$ROOTFS/opt/java/bin/"* $(find "$ROOTFS/opt/java/lib" -name '*.so'); do
    ldd "$elf" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}'
done | sort -u | while read -r lib; do
    mkdir -p "$ROOTFS$(dirname "$lib")"
    cp -L "$lib" "$ROOTFS$lib"
done
# the loader's usual path, whatever path ldd printed
[[ -e $ROOTFS/lib64/ld-linux-x86-64.so.2 || $(uname -m) != x86_64 ]] || { mkdir -p "$ROOTFS/lib64"; cp -L /lib64/ld-linux-x86-64.so.2 "$ROOTFS/lib64/"; }

cp "$BUSYBOX" "$ROOTFS/bin/busybox"
for applet in $("$BUSYBOX" --list); do
    [[ -e $ROOTFS/bin/$applet ]] || ln -s busybox "$ROOTFS/bin/$applet"
done
ln -s ../opt/java/bin/java "$ROOTFS/bin/java"

cat > "$ROOTFS/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
default:x:185:185:Java service:/home/default:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > "$ROOTFS/etc/group" <<'GROUP'
root:x:0:
default:x:185:
nobody:x:65534:
GROUP
echo 'hosts: files dns' > "$ROOTFS/etc/nsswitch.conf"
chown 185:185 "$ROOTFS/home/default"

cat > "$WORK/Containerfile" <<CONTAINERFILE
FROM scratch
COPY rootfs/ /
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/bin LANG=C.UTF-8
LABEL org.opencontainers.image.title="fx-pipeline JRE base" \\
      org.opencontainers.image.description="JRE 25 (jlink) + busybox, built FROM scratch by deploy/images/base.sh"
USER 185
CONTAINERFILE
"${BUILDAH[@]}" bud --isolation chroot --layers=false -q --annotation "io.fxpipeline.base.stamp=$STAMP" \
    -f "$WORK/Containerfile" -t "$IMAGE" "$WORK" >/dev/null
[[ -z $OLD ]] || "${BUILDAH[@]}" rmi "$OLD" >/dev/null 2>&1 || true # the replaced base, unless an image still uses it
echo "built base $IMAGE ($(du -sh "$ROOTFS" | cut -f1) on disk) in $((SECONDS - start)) s"
