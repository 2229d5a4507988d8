# Builds and runs the portal. The runtime image holds only the published app.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Lucy.Portal.Core/Lucy.Portal.Core.csproj Lucy.Portal.Core/
COPY Lucy.Portal/Lucy.Portal.csproj Lucy.Portal/
RUN dotnet restore Lucy.Portal/Lucy.Portal.csproj
COPY Lucy.Portal.Core/ Lucy.Portal.Core/
COPY Lucy.Portal/ Lucy.Portal/
RUN dotnet publish Lucy.Portal/Lucy.Portal.csproj -c Release -o /app --no-restore

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
