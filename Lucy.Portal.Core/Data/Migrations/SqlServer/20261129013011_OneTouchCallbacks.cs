using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lucy.Portal.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OneTouchCallbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OneTouchAnswer",
                table: "SignInChallenges",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuthyCallbackNonces",
                columns: table => new
                {
                    Nonce = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Signature = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuthyCallbackNonces", x => new { x.Nonce, x.Signature });
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignInChallenges_OneTouchUuid",
                table: "SignInChallenges",
                column: "OneTouchUuid");

            migrationBuilder.CreateIndex(
                name: "IX_AuthyCallbackNonces_ExpiresAt",
                table: "AuthyCallbackNonces",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuthyCallbackNonces");

            migrationBuilder.DropIndex(
                name: "IX_SignInChallenges_OneTouchUuid",
                table: "SignInChallenges");

            migrationBuilder.DropColumn(
                name: "OneTouchAnswer",
                table: "SignInChallenges");
        }
    }
}
