using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexMeasures.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InitialStructure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_role",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("account_role_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_source",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    user_id = table.Column<int>(type: "INTEGER", nullable: true),
                    account_id = table.Column<int>(type: "INTEGER", nullable: true),
                    model = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    version = table.Column<string>(type: "TEXT", maxLength: 17, nullable: true),
                    attributes = table.Column<string>(type: "TEXT", nullable: false, defaultValueSql: "'{}'"),
                    attributes_hash = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("data_sources_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "generic_asset_type",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("generic_asset_type_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "latest_task_run",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    datetime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("latest_task_run_pkey", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "plan",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    default_rate_limit = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    trigger_rate_limit = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    rate_limit_key = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    max_users = table.Column<int>(type: "INTEGER", nullable: true),
                    max_assets = table.Column<int>(type: "INTEGER", nullable: true),
                    max_clients = table.Column<int>(type: "INTEGER", nullable: true),
                    legacy = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("plan_pkey", x => x.id);
                    table.CheckConstraint("plan_rate_limit_key_ck", "rate_limit_key IN ('ACCOUNT_PLUS_ASSET', 'ACCOUNT', 'USER')");
                });

            migrationBuilder.CreateTable(
                name: "role",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("role_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "account",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    primary_color = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    secondary_color = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    logo_url = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    consultancy_account_id = table.Column<int>(type: "INTEGER", nullable: true),
                    attributes = table.Column<string>(type: "TEXT", nullable: false, defaultValueSql: "'{}'"),
                    secrets = table.Column<string>(type: "TEXT", nullable: false, defaultValueSql: "'{}'"),
                    plan_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("account_pkey", x => x.id);
                    table.ForeignKey(
                        name: "account_consultancy_account_id_account_fkey",
                        column: x => x.consultancy_account_id,
                        principalTable: "account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "account_plan_id_plan_fkey",
                        column: x => x.plan_id,
                        principalTable: "plan",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fm_user",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    email = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    username = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    password = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    last_login_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_seen_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    login_count = table.Column<int>(type: "INTEGER", nullable: true),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    fs_uniquifier = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    timezone = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    account_id = table.Column<int>(type: "INTEGER", nullable: false),
                    tf_totp_secret = table.Column<string>(type: "text", nullable: true),
                    tf_primary_method = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true, defaultValue: "email")
                },
                constraints: table =>
                {
                    table.PrimaryKey("fm_user_pkey", x => x.id);
                    table.ForeignKey(
                        name: "fm_user_account_id_account_fkey",
                        column: x => x.account_id,
                        principalTable: "account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "generic_asset",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    latitude = table.Column<double>(type: "REAL", nullable: true),
                    longitude = table.Column<double>(type: "REAL", nullable: true),
                    generic_asset_type_id = table.Column<int>(type: "INTEGER", nullable: false),
                    account_id = table.Column<int>(type: "INTEGER", nullable: true),
                    parent_asset_id = table.Column<int>(type: "INTEGER", nullable: true),
                    attributes = table.Column<string>(type: "TEXT", nullable: false),
                    sensors_to_show = table.Column<string>(type: "TEXT", nullable: false, defaultValueSql: "'[]'"),
                    sensors_to_show_as_kpis = table.Column<string>(type: "TEXT", nullable: false, defaultValueSql: "'[]'"),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    secrets = table.Column<string>(type: "TEXT", nullable: false, defaultValueSql: "'{}'"),
                    description = table.Column<string>(type: "text", nullable: true),
                    flex_context = table.Column<string>(type: "TEXT", nullable: false, defaultValueSql: "'{}'"),
                    flex_model = table.Column<string>(type: "TEXT", nullable: false, defaultValueSql: "'{}'")
                },
                constraints: table =>
                {
                    table.PrimaryKey("generic_asset_pkey", x => x.id);
                    table.CheckConstraint("generic_asset_self_reference_ck", "parent_asset_id != id");
                    table.ForeignKey(
                        name: "generic_asset_account_id_account_fkey",
                        column: x => x.account_id,
                        principalTable: "account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "generic_asset_generic_asset_type_id_generic_asset_type_fkey",
                        column: x => x.generic_asset_type_id,
                        principalTable: "generic_asset_type",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "generic_asset_parent_asset_id_generic_asset_fkey",
                        column: x => x.parent_asset_id,
                        principalTable: "generic_asset",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "roles_accounts",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    account_id = table.Column<int>(type: "INTEGER", nullable: false),
                    role_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("roles_accounts_pkey", x => x.id);
                    table.ForeignKey(
                        name: "roles_accounts_account_id_account_fkey",
                        column: x => x.account_id,
                        principalTable: "account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "roles_accounts_role_id_account_role_fkey",
                        column: x => x.role_id,
                        principalTable: "account_role",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "roles_users",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<int>(type: "INTEGER", nullable: false),
                    user_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("roles_users_pkey", x => x.id);
                    table.ForeignKey(
                        name: "roles_users_role_id_role_fkey",
                        column: x => x.role_id,
                        principalTable: "role",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "roles_users_user_id_fm_user_fkey",
                        column: x => x.user_id,
                        principalTable: "fm_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sensor",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    timezone = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    event_resolution = table.Column<long>(type: "INTEGER", nullable: false),
                    knowledge_horizon_fnc = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    knowledge_horizon_par = table.Column<string>(type: "TEXT", nullable: false),
                    attributes = table.Column<string>(type: "TEXT", nullable: false),
                    generic_asset_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("sensor_pkey", x => x.id);
                    table.ForeignKey(
                        name: "sensor_generic_asset_id_generic_asset_fkey",
                        column: x => x.generic_asset_id,
                        principalTable: "generic_asset",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "timed_belief",
                columns: table => new
                {
                    event_start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    belief_horizon = table.Column<long>(type: "INTEGER", nullable: false),
                    cumulative_probability = table.Column<double>(type: "REAL", nullable: false),
                    sensor_id = table.Column<int>(type: "INTEGER", nullable: false),
                    source_id = table.Column<int>(type: "INTEGER", nullable: false),
                    event_value = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("timed_belief_pkey", x => new { x.event_start, x.belief_horizon, x.cumulative_probability, x.sensor_id, x.source_id });
                    table.ForeignKey(
                        name: "timed_belief_sensor_id_sensor_fkey",
                        column: x => x.sensor_id,
                        principalTable: "sensor",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "timed_belief_source_id_data_source_fkey",
                        column: x => x.source_id,
                        principalTable: "data_source",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "account_name_key",
                table: "account",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "account_role_name_key",
                table: "account_role",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "data_source_name_key",
                table: "data_source",
                columns: new[] { "name", "user_id", "account_id", "model", "version", "attributes_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "data_source_user_id_key",
                table: "data_source",
                column: "user_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "fm_user_email_key",
                table: "fm_user",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "fm_user_fs_uniquifier_key",
                table: "fm_user",
                column: "fs_uniquifier",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "fm_user_username_key",
                table: "fm_user",
                column: "username",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "generic_asset_account_id_external_id_key",
                table: "generic_asset",
                columns: new[] { "account_id", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "generic_asset_name_parent_asset_id_key",
                table: "generic_asset",
                columns: new[] { "name", "parent_asset_id" },
                unique: true,
                filter: "parent_asset_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "generic_asset_public_root_name_key",
                table: "generic_asset",
                column: "name",
                unique: true,
                filter: "parent_asset_id IS NULL AND account_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "generic_asset_root_account_id_name_key",
                table: "generic_asset",
                columns: new[] { "account_id", "name" },
                unique: true,
                filter: "parent_asset_id IS NULL AND account_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "generic_asset_type_name_key",
                table: "generic_asset_type",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "plan_name_key",
                table: "plan",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "role_name_key",
                table: "role",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "roles_accounts_role_id_key",
                table: "roles_accounts",
                columns: new[] { "role_id", "account_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "roles_users_role_id_key",
                table: "roles_users",
                columns: new[] { "role_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "sensor_name_generic_asset_id_key",
                table: "sensor",
                columns: new[] { "name", "generic_asset_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "timed_belief_search_session_singleevent_idx",
                table: "timed_belief",
                columns: new[] { "sensor_id", "event_start" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "latest_task_run");

            migrationBuilder.DropTable(
                name: "roles_accounts");

            migrationBuilder.DropTable(
                name: "roles_users");

            migrationBuilder.DropTable(
                name: "timed_belief");

            migrationBuilder.DropTable(
                name: "account_role");

            migrationBuilder.DropTable(
                name: "role");

            migrationBuilder.DropTable(
                name: "fm_user");

            migrationBuilder.DropTable(
                name: "sensor");

            migrationBuilder.DropTable(
                name: "data_source");

            migrationBuilder.DropTable(
                name: "generic_asset");

            migrationBuilder.DropTable(
                name: "account");

            migrationBuilder.DropTable(
                name: "generic_asset_type");

            migrationBuilder.DropTable(
                name: "plan");
        }
    }
}
