using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lucy.Portal.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SecurityImageModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SecurityImageAfterFailures",
                table: "AdvancedSettings",
                type: "int",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<bool>(
                name: "SecurityImageEnabled",
                table: "AdvancedSettings",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "FailedPasswordAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Subject = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    FailedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailedPasswordAttempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SecurityImageChallenges",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(22)", maxLength: 22, nullable: false),
                    AnswerHash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    BindingHash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    Png = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    Address = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityImageChallenges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FailedPasswordAttempts_FailedAt",
                table: "FailedPasswordAttempts",
                column: "FailedAt");

            migrationBuilder.CreateIndex(
                name: "IX_FailedPasswordAttempts_Subject_FailedAt",
                table: "FailedPasswordAttempts",
                columns: new[] { "Subject", "FailedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityImageChallenges_Address_ExpiresAt",
                table: "SecurityImageChallenges",
                columns: new[] { "Address", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityImageChallenges_ExpiresAt",
                table: "SecurityImageChallenges",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FailedPasswordAttempts");

            migrationBuilder.DropTable(
                name: "SecurityImageChallenges");

            migrationBuilder.DropColumn(
                name: "SecurityImageAfterFailures",
                table: "AdvancedSettings");

            migrationBuilder.DropColumn(
                name: "SecurityImageEnabled",
                table: "AdvancedSettings");
        }
    }
}
