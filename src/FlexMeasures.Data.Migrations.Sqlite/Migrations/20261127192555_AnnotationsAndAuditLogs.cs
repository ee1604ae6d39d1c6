using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlexMeasures.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AnnotationsAndAuditLogs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alembic_version",
                columns: table => new
                {
                    version_num = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("alembic_version_pkc", x => x.version_num);
                });

            migrationBuilder.CreateTable(
                name: "annotation",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    content = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    end = table.Column<DateTime>(type: "TEXT", nullable: false),
                    belief_time = table.Column<DateTime>(type: "TEXT", nullable: true),
                    source_id = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("annotation_pkey", x => x.id);
                    table.CheckConstraint("annotation_type_check", "type IN ('alert', 'holiday', 'label', 'feedback', 'warning', 'error')");
                    table.ForeignKey(
                        name: "annotation_source_id_data_source_fkey",
                        column: x => x.source_id,
                        principalTable: "data_source",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "asset_audit_log",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    event_datetime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    @event = table.Column<string>(name: "event", type: "TEXT", maxLength: 500, nullable: false),
                    active_user_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    active_user_id = table.Column<int>(type: "INTEGER", nullable: true),
                    affected_asset_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("asset_audit_log_pkey", x => x.id);
                    table.ForeignKey(
                        name: "asset_audit_log_active_user_id_fm_user_fkey",
                        column: x => x.active_user_id,
                        principalTable: "fm_user",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "asset_audit_log_affected_asset_id_generic_asset_fkey",
                        column: x => x.affected_asset_id,
                        principalTable: "generic_asset",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    event_datetime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    @event = table.Column<string>(name: "event", type: "TEXT", maxLength: 500, nullable: false),
                    active_user_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    active_user_id = table.Column<int>(type: "INTEGER", nullable: true),
                    affected_user_id = table.Column<int>(type: "INTEGER", nullable: true),
                    affected_account_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("audit_log_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "annotations_accounts",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    account_id = table.Column<int>(type: "INTEGER", nullable: false),
                    annotation_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("annotations_accounts_pkey", x => x.id);
                    table.ForeignKey(
                        name: "annotations_accounts_account_id_account_fkey",
                        column: x => x.account_id,
                        principalTable: "account",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "annotations_accounts_annotation_id_annotation_fkey",
                        column: x => x.annotation_id,
                        principalTable: "annotation",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "annotations_assets",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    annotation_id = table.Column<int>(type: "INTEGER", nullable: false),
                    generic_asset_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("annotations_assets_pkey", x => x.id);
                    table.ForeignKey(
                        name: "annotations_assets_annotation_id_annotation_fkey",
                        column: x => x.annotation_id,
                        principalTable: "annotation",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "annotations_assets_generic_asset_id_generic_asset_fkey",
                        column: x => x.generic_asset_id,
                        principalTable: "generic_asset",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "annotations_sensors",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    annotation_id = table.Column<int>(type: "INTEGER", nullable: false),
                    sensor_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("annotations_sensors_pkey", x => x.id);
                    table.ForeignKey(
                        name: "annotations_sensors_annotation_id_annotation_fkey",
                        column: x => x.annotation_id,
                        principalTable: "annotation",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "annotations_sensors_sensor_id_sensor_fkey",
                        column: x => x.sensor_id,
                        principalTable: "sensor",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "annotation_content_key",
                table: "annotation",
                columns: new[] { "content", "start", "belief_time", "source_id", "type" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "annotations_accounts_annotation_id_key",
                table: "annotations_accounts",
                columns: new[] { "annotation_id", "account_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "annotations_assets_annotation_id_key",
                table: "annotations_assets",
                columns: new[] { "annotation_id", "generic_asset_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "annotations_sensors_annotation_id_key",
                table: "annotations_sensors",
                columns: new[] { "annotation_id", "sensor_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alembic_version");

            migrationBuilder.DropTable(
                name: "annotations_accounts");

            migrationBuilder.DropTable(
                name: "annotations_assets");

            migrationBuilder.DropTable(
                name: "annotations_sensors");

            migrationBuilder.DropTable(
                name: "asset_audit_log");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "annotation");
        }
    }
}
