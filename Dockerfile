# booklet in a container, for a machine without Node.js or Chromium. It builds the booklet mounted at /booklet:
#   docker build -t booklet .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/booklet" booklet [build|check] [options]
# docker/entrypoint.sh does the work; test/e2e/container.test.ts runs it as this image does.

# 1. booklet packed as it is published: the compiled command, its templates and patches (npm pack compiles)
FROM node:20-bookworm-slim AS pack
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund && npm pack --pack-destination /tmp && mv /tmp/booklet-*.tgz /tmp/booklet.tgz

# 2. Debian's Chromium headless shell (Chromium's print to PDF without its windows: smaller, and faster to
#    start), Poppler, Ghostscript and qpdf, and booklet installed from its package
FROM node:20-bookworm-slim
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
     chromium-headless-shell poppler-utils ghostscript qpdf fonts-dejavu-core fonts-liberation ca-certificates \
  && rm -rf /var/lib/apt/lists/*
COPY --from=pack /tmp/booklet.tgz /tmp/booklet.tgz
RUN npm install -g --no-audit --no-fund /tmp/booklet.tgz && rm /tmp/booklet.tgz && npm cache clean --force
COPY docker/entrypoint.sh /usr/local/bin/booklet-entrypoint
# HOME in /tmp: the user may be any uid given with -u, which has no home folder in the image
ENV PUPPETEER_EXECUTABLE_PATH=/usr/lib/chromium/chromium-headless-shell BOOKLET_DIR=/booklet HOME=/tmp
USER node
WORKDIR /booklet
ENTRYPOINT ["booklet-entrypoint"]
CMD ["build"]
