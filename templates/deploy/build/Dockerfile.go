# Written by `dotnet new deploy`, used only when the repository has no Dockerfile of its own (see build/Build.cs).
# It builds with no image registry reachable: nothing is pulled and nothing is compiled here. Deploy's Image target
# stages into the build context the binaries Compile built (go build) under .deploy/publish, and the shared
# libraries they link against, if any, under .deploy/rootfs.
FROM scratch
COPY .deploy/rootfs/ /
COPY .deploy/publish/ /app/
WORKDIR /tmp
WORKDIR /app
ENV PORT=8080
EXPOSE 8080
# The service's binary: its main package's name (dotnet new deploy -n <binary> --toolchain go).
ENTRYPOINT ["/app/ServiceName"]
