#!/usr/bin/env bash
# Adds a migration with the same name and id to both providers (the equivalent of `flask db migrate`).
# Usage: scripts/add-migration.sh NameInPascalCase
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
dotnet restore FlexMeasures.slnx >/dev/null
for provider in Postgres Sqlite; do
  project=src/FlexMeasures.Data.Migrations.$provider
  dotnet dotnet-ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done

# Both providers' revisions carry the PostgreSQL one's id, so `db history` reads the same on both.
pg_file=$(ls src/FlexMeasures.Data.Migrations.Postgres/Migrations/*_"$name".cs | grep -v Designer | tail -n 1)
pg_id=$(basename "$pg_file" .cs)
sqlite_dir=src/FlexMeasures.Data.Migrations.Sqlite/Migrations
sqlite_file=$(ls "$sqlite_dir"/*_"$name".cs | grep -v Designer | tail -n 1)
sqlite_id=$(basename "$sqlite_file" .cs)
if [ "$sqlite_id" != "$pg_id" ]; then
  sed -i "s/\"$sqlite_id\"/\"$pg_id\"/" "$sqlite_dir/$sqlite_id.Designer.cs"
  mv "$sqlite_dir/$sqlite_id.Designer.cs" "$sqlite_dir/$pg_id.Designer.cs"
  mv "$sqlite_dir/$sqlite_id.cs" "$sqlite_dir/$pg_id.cs"
fi
echo "Added migration $pg_id for PostgreSQL and SQLite; review both, then run scripts/test.sh."
