using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lucy.Portal.Core.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuthyCallbackNonces",
                columns: table => new
                {
                    Nonce = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
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
