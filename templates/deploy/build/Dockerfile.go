# Written by `dotnet new deploy`, used only when the repository has no Dockerfile of its own (see build/Build.cs).
# It builds with no image registry reachable: nothing is pulled and nothing is compiled here. Deploy's Image target
# stages into the build context the binaries Compile built (go build, CGO_ENABLED=0: static, so no shared library
# is needed) under .deploy/publish.
FROM scratch
COPY .deploy/publish/ /app/
WORKDIR /tmp
WORKDIR /app
ENV PORT=8080
EXPOSE 8080
# The service's binary: its main package's name (dotnet new deploy -n <binary> --toolchain go).
ENTRYPOINT ["/app/ServiceName"]
