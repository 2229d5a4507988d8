# Builds and runs the portal. The runtime image holds only the published app.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# ReadyToRun code is compiled for one runtime: linux-x64 by default, --build-arg RID=linux-arm64 on ARM hosts.
ARG RID=linux-x64
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Lucy.Portal.Core/Lucy.Portal.Core.csproj Lucy.Portal.Core/
COPY Lucy.Portal/Lucy.Portal.csproj Lucy.Portal/
RUN dotnet restore Lucy.Portal/Lucy.Portal.csproj -r "$RID"
COPY Lucy.Portal.Core/ Lucy.Portal.Core/
COPY Lucy.Portal/ Lucy.Portal/
# ReadyToRun: assemblies ship precompiled, so start-up runs less JIT (issue 15, cold start; bench/cold-start.sh).
RUN dotnet publish Lucy.Portal/Lucy.Portal.csproj -c Release -o /app --no-restore -r "$RID" --self-contained false \
    -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Database__SqlitePath=/data/lucy-portal.db
# The generated key-encryption certificate goes to /data/keys, owned by the app's account and closed to others
# (README "Keys at rest"); created before VOLUME, whose later changes a build discards.
RUN mkdir -p /data/keys && chown -R "$APP_UID" /data && chmod 700 /data/keys
VOLUME /data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Lucy.Portal.dll"]
